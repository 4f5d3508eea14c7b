using MimeKit;

namespace Parley.Mail.Messages;

/// <summary>Reads a <see cref="MimeMessage"/> into a <see cref="ParsedMail"/> (MimeKit does the MIME).</summary>
internal static class MailMessageParser
{
    public static ParsedMail Parse(MimeMessage message, string hostname, DateTime now)
    {
        var generated = string.IsNullOrWhiteSpace(message.MessageId);
        var messageId = generated ? MimeKit.Utils.MimeUtils.GenerateMessageId(hostname) : message.MessageId!;
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        return new ParsedMail(
            message,
            messageId,
            generated,
            from is null ? new MailAddress("", null) : Address(from),
            message.To.Mailboxes.Select(Address).ToList(),
            message.Cc.Mailboxes.Select(Address).ToList(),
            message.Bcc.Mailboxes.Select(Address).ToList(),
            message.Subject ?? "",
            message.Date == DateTimeOffset.MinValue ? now : message.Date.UtcDateTime,
            message.InReplyTo,
            message.References.ToList(),
            message.TextBody,
            message.HtmlBody);
    }

    private static MailAddress Address(MailboxAddress mailbox) =>
        new(mailbox.Address.ToLowerInvariant(), string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name);
}
