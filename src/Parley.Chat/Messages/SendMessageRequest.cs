namespace Parley.Chat.Messages;

/// <summary>
/// A message to send, over <c>POST /api/chat/channels/{id}/messages</c> or the hub's <c>SendMessage</c>.
/// <see cref="IdempotencyKey"/> (or the <c>Idempotency-Key</c> header) makes a retry return the first
/// send's message instead of posting twice. <see cref="FileId"/> (the sender's own upload to this
/// channel) makes it a <c>file</c> message; the text is then its caption or the file name.
/// </summary>
public sealed record SendMessageRequest(
    string? Plaintext = null, byte[]? Ciphertext = null, byte[]? Nonce = null, Guid? SenderKeyId = null,
    Guid? ReplyToId = null, Guid? ThreadId = null, string? IdempotencyKey = null, Guid? FileId = null)
{
    /// <summary>The <c>Idempotency-Key</c> header counts when the body names no key.</summary>
    public SendMessageRequest WithHeaderKey(string? header) =>
        header is { Length: > 0 } && IdempotencyKey is null ? this with { IdempotencyKey = header } : this;
}

/// <summary>New content for a message its sender edits.</summary>
public sealed record EditMessageRequest(string? Plaintext = null, byte[]? Ciphertext = null, byte[]? Nonce = null);
