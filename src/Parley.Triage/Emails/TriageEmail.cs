namespace Parley.Triage.Emails;

/// <summary>
/// One email as Triage decides about it: where it is (account, folder, UID within UIDVALIDITY) and what rules and the
/// LLM may look at. SEAM: the IMAP part builds it from the server's message (MimeKit), the classification part reads it.
/// </summary>
/// <param name="MessageId">The Message-ID header (without angle brackets); a stable substitute when missing.</param>
/// <param name="Headers">Every header, name as sent, in order (a name may repeat).</param>
/// <param name="TextBody">The text body (HTML turned to text when there is no text part); not truncated here.</param>
/// <param name="Size">RFC822.SIZE in bytes.</param>
public sealed record TriageEmail(
    string AccountName,
    string Folder,
    uint UidValidity,
    uint Uid,
    string MessageId,
    string? From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string? Subject,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string TextBody,
    long Size,
    IReadOnlyList<TriageAttachment> Attachments,
    DateTimeOffset? Date,
    IReadOnlyList<TriageImage>? Images = null)
{
    /// <summary>
    /// The images a vision-capable LLM is to see (attachments and inline images, in the message's order), each with its
    /// bytes or the reason it is left out. Empty unless the reader was told to keep images (extraction on, a provider
    /// with <c>supports_vision</c>, not a private account): bytes are held only for images that will be sent.
    /// </summary>
    public IReadOnlyList<TriageImage> Images { get; init; } = Images ?? [];

    /// <summary>
    /// The signature clamd found in an attachment (<c>antivirus.enabled</c>); null when clean or not scanned. An email
    /// with a virus is handled by <c>antivirus.on_virus_detected</c>, never shown to an LLM.
    /// </summary>
    public string? Virus { get; init; }

    /// <summary>
    /// Why an attachment could not be scanned (clamd unreachable, timing out, refusing the stream); null when every
    /// scan answered. <c>antivirus.on_scan_error</c> decides: classified unscanned, or to the dead letter.
    /// </summary>
    public string? ScanError { get; init; }
}

/// <summary>An attachment: its name, type and size, and its text where it has one and extraction is on.</summary>
public sealed record TriageAttachment(string FileName, string ContentType, long Size, string? ExtractedText);

/// <summary>
/// An image for a vision-capable LLM: a PNG, JPEG, GIF or WebP attachment or inline image of the email.
/// </summary>
/// <param name="MediaType">The type its bytes show (<c>image/png</c>, <c>image/jpeg</c>, <c>image/gif</c>, <c>image/webp</c>), else the declared one.</param>
/// <param name="Size">Decoded size in bytes.</param>
/// <param name="Inline">Shown in the body (no attachment disposition) rather than attached.</param>
/// <param name="Data">The decoded bytes; empty when <paramref name="Omitted"/> says why it is not sent.</param>
/// <param name="Omitted">Why it is not sent (<c>too large</c>, <c>more than N images</c>, <c>not a PNG, JPEG, GIF or WebP image</c>); null: sent.</param>
public sealed record TriageImage(string FileName, string MediaType, long Size, bool Inline, ReadOnlyMemory<byte> Data, string? Omitted)
{
    public bool Sent => Omitted is null;
}
