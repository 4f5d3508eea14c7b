using System.Text;
using MimeKit;
using Parley.Mail.Outbound;
using Parley.Triage.Forwarding;

namespace Parley.Triage.Tests.Forwarding;

/// <summary>What a forward carries of the original (its attachments, not its inline parts) and what it says when it cannot.</summary>
public sealed class ForwardAttachmentsTests
{
    [Fact]
    public void Attachments_go_with_name_type_charset_and_bytes_an_attached_email_as_rfc822_inline_images_stay()
    {
        var attached = new MimeMessage { Subject = "Quote", Body = new TextPart("plain") { Text = "the quote" } };
        attached.From.Add(MailboxAddress.Parse("a@example.com"));
        var body = new BodyBuilder { TextBody = "see attached", HtmlBody = "<img src=\"cid:logo\">" };
        body.LinkedResources.Add("logo.png", [0x89, 0x50, 0x4E, 0x47], new ContentType("image", "png")).ContentId = "logo";
        body.Attachments.Add("notes.txt", Encoding.UTF8.GetBytes("Grüße"), new ContentType("text", "plain") { Charset = "utf-8" });
        body.Attachments.Add(new MessagePart { Message = attached, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) });
        var original = new MimeMessage { Body = body.ToMessageBody() };

        var carried = ForwardAttachments.Of(original);

        Assert.Collection(carried,
            text =>
            {
                Assert.Equal(("notes.txt", "text/plain; charset=utf-8"), (text.FileName, text.ContentType));
                Assert.Equal("Grüße", Encoding.UTF8.GetString(text.Content));
            },
            message =>
            {
                Assert.Equal(("Quote.eml", "message/rfc822"), (message.FileName, message.ContentType));
                Assert.Equal("Quote", MimeMessage.Load(new MemoryStream(message.Content)).Subject);
            });
        Assert.Empty(ForwardAttachments.Of(null));
    }

    [Fact]
    public void Without_its_attachments_a_mail_names_each_and_the_limit()
    {
        var mail = new TriageMail("b@example.com", "Fwd: x", "text", [], [new OutgoingAttachment("big.pdf", "application/pdf", new byte[3 * 1024 * 1024])]);

        var without = mail.WithoutAttachments("the 2 MB relay.example accepts");

        Assert.Empty(without.Attachments);
        Assert.StartsWith("text\n\n[Attachments not included — with them the email would be larger than the 2 MB relay.example accepts:", without.Body, StringComparison.Ordinal);
        Assert.Contains("big.pdf (3 MB, application/pdf)", without.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Fitting_keeps_the_files_that_fit_in_their_order_and_names_the_rest()
    {
        var small = new OutgoingAttachment("a.txt", "text/plain", new byte[100 * 1024]);
        var big = new OutgoingAttachment("big.pdf", "application/pdf", new byte[3 * 1024 * 1024]);
        var later = new OutgoingAttachment("b.txt", "text/plain", new byte[200 * 1024]);
        var mail = new TriageMail("b@example.com", "Fwd: x", "text", [], [small, big, later]);

        var fitting = mail.Fitting(2 * 1024 * 1024, "the 2 MB relay.example accepts");

        // The big file does not keep the later small one out; base64 makes 300 KB about 400 KB, well within 2 MB.
        Assert.Equal([small, later], fitting.Attachments);
        Assert.Contains("big.pdf (3 MB, application/pdf)", fitting.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("a.txt", fitting.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("b.txt", fitting.Body, StringComparison.Ordinal);
        Assert.Same(mail, mail.Fitting(10 * 1024 * 1024, "the 10 MB Parley sends"));
        // 1.5 MB of file is over 2 MB once base64-encoded: the estimate counts the encoding, not the raw bytes.
        var encodedTooLarge = new TriageMail("b@example.com", "Fwd: x", "text", [], [new OutgoingAttachment("c.bin", "application/octet-stream", new byte[1536 * 1024])]);
        Assert.Empty(encodedTooLarge.Fitting(2 * 1024 * 1024, "the 2 MB relay.example accepts").Attachments);
    }
}
