using MimeKit;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Tests.Imap;
using static Parley.Triage.Tests.Pipeline.ForwardSetup;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>
/// An IMAP account's forward carries the original's attachments (Dovecot → the rule's forward → a real SMTP server),
/// through the account's <c>forward.smtp</c> relay and from a Parley inbox through Mail; and when the route will not
/// take them (the relay's SIZE, Mail's <c>Mail:Outbound:MaxMessageBytes</c>), the forward goes without them and says so.
/// </summary>
public sealed class ForwardAttachmentTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds30 = TimeSpan.FromSeconds(30);
    private const string FileName = "invoice-42.pdf";

    /// <summary>40 KB that start like a PDF and are not text: a transfer encoding that lost a byte would show.</summary>
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n"u8.ToArray(), .. Enumerable.Range(0, 40_000).Select(i => (byte)(i * 7919 % 251))];

    [Theory, BothProviders]
    public async Task A_forward_through_the_smtp_relay_carries_the_attachment(string provider)
    {
        using var sink = await TestSmtpSink.StartAsync();
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, ForwardingRule(Relay(sink)));

        await AppendInvoiceAsync(h, "Your invoice 42");

        await Eventually.Until(() => sink.Received().Count == 1, Seconds30, "the relay receives the forward");
        var forward = Assert.Single(sink.Messages());
        Assert.Equal("Fwd: Your invoice 42", forward.Subject);
        Assert.Equal("auto-forwarded", forward.Headers["Auto-Submitted"]);
        Assert.Contains("body of Your invoice 42", forward.TextBody, StringComparison.Ordinal);
        AssertCarriesTheInvoice(forward);
        await Eventually.Until(() => h.InFolderAsync("Receipts", "Your invoice 42"), Seconds30, "the rule moves the invoice after");
    }

    [Theory, BothProviders]
    public async Task A_forward_from_a_parley_inbox_through_mail_carries_the_attachment(string provider)
    {
        using var sink = await TestSmtpSink.StartAsync();
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, ForwardingRule(ThroughMail(sink)));
        await CreateInboxAsync(h.App);

        await AppendInvoiceAsync(h, "Your invoice 43");

        await Eventually.Until(() => sink.Received().Count == 1, Seconds30, "Mail's relay receives the forward");
        var forward = Assert.Single(sink.Messages());
        Assert.Equal("desk@example.test", forward.From.Mailboxes.Single().Address);
        Assert.Contains("body of Your invoice 43", forward.TextBody, StringComparison.Ordinal);
        AssertCarriesTheInvoice(forward);
    }

    [Fact]
    public async Task Over_the_relays_size_the_forward_goes_without_the_attachment_and_says_so()
    {
        // The relay takes 30 KB (SIZE 30000); the message with the 40 KB file is refused with 552 every time.
        using var sink = await TestSmtpSink.StartWithSizeLimitAsync(30_000);
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, ForwardingRule(Relay(sink)));

        await AppendInvoiceAsync(h, "Your invoice 44");

        await Eventually.Until(() => sink.Received().Count == 1, Seconds30, "the relay receives the forward without the file");
        var forward = Assert.Single(sink.Messages());
        Assert.Empty(forward.Attachments);
        Assert.Contains("body of Your invoice 44", forward.TextBody, StringComparison.Ordinal);
        Assert.Contains("Attachments not included", forward.TextBody, StringComparison.Ordinal);
        Assert.Contains(FileName + " (0.04 MB, application/pdf)", forward.TextBody, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1 accepts", forward.TextBody, StringComparison.Ordinal);
        await Eventually.Until(() => h.InFolderAsync("Receipts", "Your invoice 44"), Seconds30, "the email is processed, not a dead letter");
        Assert.Empty(await h.DeadLettersAsync());
    }

    [Fact]
    public async Task Over_the_relays_size_the_files_that_fit_still_go()
    {
        // SIZE 30000: a 2 KB note fits beside the text, the 40 KB invoice does not; the note goes, the invoice is named.
        using var sink = await TestSmtpSink.StartWithSizeLimitAsync(30_000);
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, ForwardingRule(Relay(sink)));
        var invoice = Invoice("Your invoice 46");
        var body = new BodyBuilder { TextBody = "body of Your invoice 46" };
        body.Attachments.Add(FileName, Pdf, new ContentType("application", "pdf"));
        body.Attachments.Add("note.txt", Enumerable.Repeat((byte)'n', 2048).ToArray(), new ContentType("text", "plain"));
        invoice.Body = body.ToMessageBody();

        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", invoice);

        await Eventually.Until(() => sink.Received().Count == 1, Seconds30, "the relay receives the forward with the note only");
        var forward = Assert.Single(sink.Messages());
        var note = Assert.IsAssignableFrom<MimePart>(Assert.Single(forward.Attachments));
        Assert.Equal("note.txt", note.FileName);
        Assert.Contains(FileName + " (0.04 MB, application/pdf)", forward.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("note.txt", forward.TextBody, StringComparison.Ordinal);
        await Eventually.Until(() => h.InFolderAsync("Receipts", "Your invoice 46"), Seconds30, "the email is processed, not a dead letter");
        Assert.Empty(await h.DeadLettersAsync());
    }

    [Fact]
    public async Task Over_mails_outgoing_size_the_forward_goes_without_the_attachment_and_says_so()
    {
        // 45 KB: the file's 40 KB fit, base64-encoded (~55 KB) they do not — Mail refuses, and the forward goes without.
        using var sink = await TestSmtpSink.StartAsync();
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, ForwardingRule(s =>
        {
            ThroughMail(sink)(s);
            s["Mail:Outbound:MaxMessageBytes"] = "45000";
        }));
        await CreateInboxAsync(h.App);

        await AppendInvoiceAsync(h, "Your invoice 45");

        await Eventually.Until(() => sink.Received().Count == 1, Seconds30, "Mail's relay receives the forward without the file");
        var forward = Assert.Single(sink.Messages());
        Assert.Empty(forward.Attachments);
        Assert.Contains(FileName + " (0.04 MB, application/pdf)", forward.TextBody, StringComparison.Ordinal);
        Assert.Contains("Mail:Outbound:MaxMessageBytes", forward.TextBody, StringComparison.Ordinal);
        await Eventually.Until(() => h.InFolderAsync("Receipts", "Your invoice 45"), Seconds30, "the email is processed, not a dead letter");
        Assert.Empty(await h.DeadLettersAsync());
    }

    internal static void AssertCarriesTheInvoice(MimeMessage forward)
    {
        Assert.Equal("multipart/mixed", forward.Body!.ContentType.MimeType);
        var attachment = Assert.IsType<MimePart>(Assert.Single(forward.Attachments));
        Assert.Equal(FileName, attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var bytes = new MemoryStream();
        attachment.Content!.DecodeTo(bytes);
        Assert.Equal(Pdf, bytes.ToArray());
    }

    internal static MimeMessage Invoice(string subject, string from = "billing@example.com", string to = "alice@example.com")
    {
        var body = new BodyBuilder { TextBody = "body of " + subject };
        body.Attachments.Add(FileName, Pdf, new ContentType("application", "pdf"));
        var message = new MimeMessage { Subject = subject, Body = body.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.com");
        return message;
    }

    private static Task<uint> AppendInvoiceAsync(PipelineHarness h, string subject) =>
        h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", Invoice(subject));
}
