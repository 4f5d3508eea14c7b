namespace Parley.Chat.ScheduledMessages;

/// <summary>A scheduled message as its author sees it (the content stays with them until it is posted).</summary>
public sealed record ScheduledMessageView(Guid Id, Guid ChannelId, DateTime ScheduledFor, DateTime CreatedAt)
{
    internal static ScheduledMessageView From(ScheduledMessage s) => new(s.Id, s.ChannelId, s.ScheduledFor, s.CreatedAt);
}

/// <summary>A message to post later: plaintext, or ciphertext + nonce for an encrypted channel.</summary>
public sealed record ScheduleMessageRequest(string? Plaintext, byte[]? Ciphertext, byte[]? Nonce, DateTime? ScheduledFor);
