using MimeKit;

namespace Parley.Mail.Messages;

/// <summary>An address with its display name, as a header gave it (address lower-cased).</summary>
public sealed record MailAddress(string Address, string? Name);

/// <summary>
/// What Parley keeps of a MIME message: the seed's columns, read once by <see cref="MailMessageParser"/>
/// from the message as received or as built for sending.
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
    string? BodyHtml);
