namespace Parley.Chat.Messages;

/// <summary>
/// A message as clients see it, over HTTP and the hub alike. A deleted message keeps its place in the
/// history but shows no content; a quarantined one shows content to community staff only.
/// <see cref="Reactions"/> (who reacted how, and whether the viewer did) and <see cref="ReplyCount"/>
/// (a top-level message's thread replies) are filled by <see cref="MessageViewLoader"/> for reads;
/// the <c>message.created</c> event carries them empty, as a new message has neither.
/// </summary>
public sealed record MessageView(
    Guid Id, Guid ChannelId, Guid SenderId, string MessageType, string? Plaintext, byte[]? Ciphertext, byte[]? Nonce,
    Guid? SenderKeyId, Guid? ReplyToId, Guid? ThreadId, DateTime CreatedAt, DateTime? EditedAt, DateTime? DeletedAt,
    bool Quarantined, DateTime? ExpiresAt, List<ReactionCount>? Reactions = null, int ReplyCount = 0)
{
    internal static MessageView From(Message m, bool viewerIsStaff = false)
    {
        var hidden = m.DeletedAt is not null || (m.QuarantinedAt is not null && !viewerIsStaff);
        return new MessageView(
            m.Id, m.ChannelId, m.SenderId, m.MessageType,
            hidden ? null : m.Plaintext, hidden ? null : m.Ciphertext, hidden ? null : m.Nonce,
            m.SenderKeyId, m.ReplyToId, m.ThreadId, m.CreatedAt, m.EditedAt, m.DeletedAt,
            m.QuarantinedAt is not null, m.ExpiresAt, []);
    }
}

/// <summary>One emoji on a message: how many reacted with it, and whether the viewer is one of them.</summary>
public sealed record ReactionCount(string Emoji, int Count, bool Me);

/// <summary>A page of history, oldest first; <see cref="HasMore"/> says whether going on in the same direction finds more.</summary>
internal sealed record MessagePage(List<MessageView> Messages, bool HasMore);
