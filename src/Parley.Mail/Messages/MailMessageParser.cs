using MimeKit;
using MimeKit.Utils;

namespace Parley.Mail.Messages;

/// <summary>Reads a <see cref="MimeMessage"/> into a <see cref="ParsedMail"/> (MimeKit does the MIME and the charsets).</summary>
internal static class MailMessageParser
{
    /// <summary>The seed's <c>message_id</c> column is at most a header line long; a longer "id" is treated as missing.</summary>
    private const int MaxMessageIdLength = 998;

    /// <param name="hostname"><c>Mail:Hostname</c>: the right-hand side of a Message-ID generated for a message that has none.</param>
    /// <param name="now">The time used when the message has no Date header.</param>
    public static ParsedMail Parse(MimeMessage message, string hostname, DateTime now)
    {
        var existing = message.MessageId;
        var generated = string.IsNullOrWhiteSpace(existing) || existing.Length > MaxMessageIdLength;
        var messageId = generated ? MimeUtils.GenerateMessageId(hostname) : existing!;
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var inReplyTo = string.IsNullOrWhiteSpace(message.InReplyTo) ? null : message.InReplyTo;
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
            inReplyTo,
            message.References.Where(r => !string.IsNullOrWhiteSpace(r)).ToList(),
            message.TextBody,
            message.HtmlBody)
        {
            Attachments = Attachments(message),
        };
    }

    private static MailAddress Address(MailboxAddress mailbox) =>
        new(mailbox.Address.ToLowerInvariant(), string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name);

    /// <summary>
    /// Every leaf part that is not a body: a text/plain or text/html part without a disposition of
    /// attachment and without a file name is (part of) the body MimeKit's TextBody/HtmlBody read.
    /// </summary>
    private static List<ParsedAttachment> Attachments(MimeMessage message)
    {
        var attachments = new List<ParsedAttachment>();
        foreach (var entity in message.BodyParts)
        {
            if (entity is TextPart text && !text.IsAttachment && text.FileName is null && (text.IsPlain || text.IsHtml))
            {
                continue;
            }
            var contentType = entity.ContentType.MimeType.ToLowerInvariant();
            var filename = FileName(entity, attachments.Count + 1);
            var contentId = string.IsNullOrWhiteSpace(entity.ContentId) ? null : entity.ContentId;
            var inline = entity.ContentDisposition?.Disposition is not { } disposition
                || !disposition.Equals(ContentDisposition.Attachment, StringComparison.OrdinalIgnoreCase);
            attachments.Add(new ParsedAttachment(filename, contentType, contentId, inline, entity));
        }
        return attachments;
    }

    /// <summary>The name the sender gave (Content-Disposition filename, else Content-Type name), else one made up from its position and type.</summary>
    private static string FileName(MimeEntity entity, int position)
    {
        var given = entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
        if (!string.IsNullOrWhiteSpace(given))
        {
            // Only the last path segment: a name is never a path.
            var name = given.Replace('\\', '/').Split('/').Last().Trim();
            if (name.Trim('.').Length > 0)
            {
                return name.Length > 255 ? name[^255..] : name;
            }
        }
        if (entity is MessagePart)
        {
            return $"message-{position}.eml";
        }
        var extension = MimeTypes.TryGetExtension(entity.ContentType.MimeType, out var found) ? found : ".bin";
        return $"part-{position}{extension}";
    }
}
