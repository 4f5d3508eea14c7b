using MimeKit;

namespace Parley.Mail.Messages;

/// <summary>An address with its display name, as a header gave it (address lower-cased).</summary>
public sealed record MailAddress(string Address, string? Name);

/// <summary>
/// What Parley keeps of a MIME message: the seed's columns, read once by <see cref="MailMessageParser"/>
/// from the message as received or as built for sending. Message-IDs are without angle brackets, case kept.
/// </summary>
internal sealed record ParsedMail(
    MimeMessage Mime,
    string MessageId,
    bool MessageIdGenerated,
    MailAddress From,
    IReadOnlyList<MailAddress> To,
    IReadOnlyList<MailAddress> Cc,
    IReadOnlyList<MailAddress> Bcc,
    string Subject,
    DateTime SentAt,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string? BodyText,
    string? BodyHtml)
{
    /// <summary>The parts that are not the text or HTML body: attachments and inline parts (images of the HTML), in MIME order.</summary>
    public IReadOnlyList<ParsedAttachment> Attachments { get; init; } = [];

    /// <summary>From, To and Cc addresses (not Bcc): who takes part in the conversation, as subject threading compares.</summary>
    public IReadOnlyList<string> Participants =>
        new[] { From }.Concat(To).Concat(Cc).Select(a => a.Address).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
