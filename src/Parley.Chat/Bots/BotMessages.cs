using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Channels;
using Parley.Chat.Messages;
using Parley.Chat.Storage;
using Parley.Core.Storage;

namespace Parley.Chat.Bots;

/// <summary>A message as another module reads it: where, who, what, the file it carries, and the other person of a DM.</summary>
/// <param name="DmPartnerId">In a DM, the member who is not the sender; null in a group channel.</param>
public sealed record ChatMessageInfo(
    Guid Id, Guid ChannelId, Guid SenderId, string SenderName, string? Content, IReadOnlyList<ChatAttachmentInfo> Attachments,
    Guid? DmPartnerId, DateTime CreatedAt, DateTime? DeletedAt);

/// <summary>A file on a message: its blob key in Core's blob store, and what the uploader called it.</summary>
public sealed record ChatAttachmentInfo(Guid FileId, string BlobKey, string FileName, string? ContentType, long Size);

/// <summary>Why a bot's post was refused, as Chat's problem code (e.g. <c>channel_archived</c>, <c>not_a_channel_member</c>).</summary>
public sealed record ChatPostResult(Guid? MessageId, string? RefusalCode);

/// <summary>
/// Messages other modules send, change and read in Chat as a given user (Modmail's bot): posted through
/// <see cref="MessageSender"/>'s path for vetted messages, so <c>message.created</c> reaches clients and
/// <see cref="ChatMessagePosted"/> is published; edited and deleted through <see cref="MessageChanges"/>, so
/// <c>message.updated</c> / <c>message.deleted</c> fire as for any client. The channel's rules still hold: the sender
/// must be a member who may write there.
/// </summary>
public sealed class BotMessages
{
    private readonly ChatDbContext _db;
    private readonly CoreDbContext _core;
    private readonly MessageSender _sender;
    private readonly MessageChanges _changes;
    private readonly MessageContentRules _rules;
    private readonly TimeProvider _clock;

    internal BotMessages(ChatDbContext db, CoreDbContext core, MessageSender sender, MessageChanges changes, MessageContentRules rules, IOptions<ChatOptions> options, TimeProvider clock)
    {
        _db = db;
        _core = core;
        _sender = sender;
        _changes = changes;
        _rules = rules;
        _clock = clock;
        MaxContentLength = options.Value.MaxPlaintextLength;
    }

    /// <summary>The longest plaintext Chat stores (Chat:MaxPlaintextLength), in characters.</summary>
    public int MaxContentLength { get; }

    public async Task<ChatPostResult> PostAsync(Guid senderId, Guid channelId, string content, CancellationToken cancellationToken)
    {
        if (_rules.Check(content, null, null).Count > 0)
        {
            return new ChatPostResult(null, "validation_failed");
        }
        var (access, refusal) = await ChannelAccess.ResolveAsync(_db, channelId, senderId, ChannelNeed.Write, _clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (access is null)
        {
            return new ChatPostResult(null, refusal!.Code);
        }
        var view = await _sender.PostAsync(new Message { ChannelId = channelId, SenderId = senderId, Plaintext = content }, access, cancellationToken);
        return new ChatPostResult(view.Id, null);
    }

    /// <summary>Replaces the content of a message <paramref name="senderId"/> sent; false when there is no such live message of theirs.</summary>
    public async Task<bool> EditAsync(Guid senderId, Guid messageId, string content, CancellationToken cancellationToken)
    {
        if (_rules.Check(content, null, null).Count > 0)
        {
            return false;
        }
        var found = await _db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.SenderId == senderId && m.DeletedAt == null, cancellationToken);
        if (found is null)
        {
            return false;
        }
        await _changes.EditAsync(found, content, null, null, cancellationToken);
        return true;
    }

    /// <summary>Deletes a message <paramref name="senderId"/> sent; false when there is no such live message of theirs.</summary>
    public async Task<bool> DeleteAsync(Guid senderId, Guid messageId, CancellationToken cancellationToken)
    {
        var found = await _db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.SenderId == senderId, cancellationToken);
        return found is not null && await _changes.DeleteAsync(found, cancellationToken);
    }

    public async Task<ChatMessageInfo?> ReadAsync(Guid messageId, CancellationToken cancellationToken)
    {
        var message = await _db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null)
        {
            return null;
        }
        var channel = await _db.Channels.AsNoTracking().Where(c => c.Id == message.ChannelId).Select(c => new { c.ChannelType }).FirstAsync(cancellationToken);
        Guid? partner = channel.ChannelType == ChannelTypes.Dm
            ? await _db.ChannelMembers.AsNoTracking().Where(m => m.ChannelId == message.ChannelId && m.UserId != message.SenderId)
                .Select(m => (Guid?)m.UserId).FirstOrDefaultAsync(cancellationToken)
            : null;
        var attachments = message.FileId is { } fileId
            ? await _db.Files.AsNoTracking().Where(f => f.Id == fileId)
                .Select(f => new ChatAttachmentInfo(f.Id, f.StoragePath, f.EncryptedName, f.ContentType, f.SizeBytes)).ToListAsync(cancellationToken)
            : [];
        var senderName = message.WebhookUsername
            ?? await _core.Users.AsNoTracking().Where(u => u.Id == message.SenderId).Select(u => u.DisplayName ?? u.Username).FirstOrDefaultAsync(cancellationToken)
            ?? message.SenderId.ToString();
        return new ChatMessageInfo(message.Id, message.ChannelId, message.SenderId, senderName,
            message.DeletedAt is null ? message.Plaintext : null, attachments, partner, message.CreatedAt, message.DeletedAt);
    }
}
