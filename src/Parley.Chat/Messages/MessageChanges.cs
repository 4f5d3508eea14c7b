using Parley.Chat.RealTime;
using Parley.Chat.Storage;

namespace Parley.Chat.Messages;

/// <summary>
/// Editing and deleting a stored message, whoever asks (the HTTP API for its author or a moderator, Modmail for its
/// bot): keeps the edit history, stamps the times, saves and pushes <c>message.updated</c> / <c>message.deleted</c>.
/// The caller has already decided the change is allowed.
/// </summary>
internal sealed class MessageChanges(ChatDbContext db, ChatEvents events, MessageViewLoader views, TimeProvider clock)
{
    /// <summary>Replaces the content of <paramref name="found"/> (tracked by this context), keeping the old one in <c>message_edits</c>.</summary>
    public async Task EditAsync(Message found, string? plaintext, byte[]? ciphertext, byte[]? nonce, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.MessageEdits.Add(new MessageEdit { MessageId = found.Id, OldPlaintext = found.Plaintext, OldCiphertext = found.Ciphertext, OldNonce = found.Nonce, EditedAt = now });
        found.Plaintext = plaintext;
        found.Ciphertext = ciphertext;
        found.Nonce = nonce;
        found.EditedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await events.ToChannelAsync(found.ChannelId, ChatEventNames.MessageUpdated, await views.ViewAsync(found, Guid.Empty, viewerIsStaff: false, cancellationToken), cancellationToken);
    }

    /// <summary>Soft-deletes <paramref name="found"/> (tracked by this context); false when it was already deleted.</summary>
    public async Task<bool> DeleteAsync(Message found, CancellationToken cancellationToken)
    {
        if (found.DeletedAt is not null)
        {
            return false;
        }
        found.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await events.ToChannelAsync(found.ChannelId, ChatEventNames.MessageDeleted, new MessageDeleted(found.Id, found.ChannelId, found.DeletedAt.Value), cancellationToken);
        return true;
    }
}
