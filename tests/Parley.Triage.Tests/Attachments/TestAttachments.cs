using MimeKit;

namespace Parley.Triage.Tests.Attachments;

/// <summary>Emails with attachments (and an optional inline image) built as an IMAP fetch delivers them: through bytes and back.</summary>
internal static class TestAttachments
{
    internal static MimeMessage MessageWith((string Name, string Type, byte[] Content)? inlineImage, params MimePart[] attachments)
    {
        var body = new BodyBuilder { TextBody = "See attached.", HtmlBody = "<p>See attached.</p>" };
        if (inlineImage is { } inline)
        {
            var linked = body.LinkedResources.Add(inline.Name, inline.Content, ContentType.Parse(inline.Type));
            linked.ContentId = "logo@example.com";
            body.HtmlBody = "<p>See attached.</p><img src=\"cid:logo@example.com\">";
        }
        var message = new MimeMessage { Subject = "Pictures", MessageId = "pictures@example.com" };
        message.From.Add(MailboxAddress.Parse("a@example.com"));
        message.To.Add(MailboxAddress.Parse("b@example.com"));
        var mixed = new Multipart("mixed") { body.ToMessageBody() };
        foreach (var part in attachments)
        {
            mixed.Add(part);
        }
        message.Body = mixed;
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        raw.Position = 0;
        return MimeMessage.Load(raw);
    }

    internal static MimePart Attached(string name, string type, byte[] content) => new(ContentType.Parse(type))
    {
        FileName = name,
        Content = new MimeContent(new MemoryStream(content)),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = name },
        ContentTransferEncoding = ContentEncoding.Base64,
    };
}
