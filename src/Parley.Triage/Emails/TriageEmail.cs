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
    DateTimeOffset? Date);

/// <summary>An attachment: its name, type and size, and its text where it has one and extraction is on.</summary>
public sealed record TriageAttachment(string FileName, string ContentType, long Size, string? ExtractedText);
