using System.Globalization;
using System.Net;
using System.Text.Json;
using MimeKit;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Tests.Imap;

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
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, Forwarding(Relay(sink)));

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
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, Forwarding(ThroughMail(sink)));
        await CreateInboxAsync(h);

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
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, Forwarding(Relay(sink)));

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
    public async Task Over_mails_outgoing_size_the_forward_goes_without_the_attachment_and_says_so()
    {
        // 45 KB: the file's 40 KB fit, base64-encoded (~55 KB) they do not — Mail refuses, and the forward goes without.
        using var sink = await TestSmtpSink.StartAsync();
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, Forwarding(s =>
        {
            ThroughMail(sink)(s);
            s["Mail:Outbound:MaxMessageBytes"] = "45000";
        }));
        await CreateInboxAsync(h);

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

    private static Action<Dictionary<string, string?>> Forwarding(Action<Dictionary<string, string?>> transport) => settings =>
    {
        settings["Triage:rules:0:actions:1:type"] = "forward";
        settings["Triage:rules:0:actions:1:forward_to"] = "books@elsewhere.test";
        transport(settings);
    };

    private static Action<Dictionary<string, string?>> Relay(TestSmtpSink sink) => settings =>
    {
        settings["Triage:accounts:0:forward:from"] = "triage@parley.test";
        settings["Triage:accounts:0:forward:smtp:host"] = "127.0.0.1";
        settings["Triage:accounts:0:forward:smtp:port"] = sink.Port.ToString(CultureInfo.InvariantCulture);
        settings["Triage:accounts:0:forward:smtp:tls"] = "insecure";
    };

    private static Action<Dictionary<string, string?>> ThroughMail(TestSmtpSink sink) => settings =>
    {
        settings["Triage:accounts:0:forward:from_inbox"] = "desk@example.test";
        settings["Mail:Outbound:Relay:Host"] = "127.0.0.1";
        settings["Mail:Outbound:Relay:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture);
        settings["Mail:Outbound:Relay:Security"] = "None";
    };

    private static async Task CreateInboxAsync(PipelineHarness h)
    {
        var admin = (await h.App.SignInAsync()).AccessToken;
        var domain = (await CreatedAsync(h.App.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = "example.test" }))).GetProperty("id").GetGuid();
        await CreatedAsync(h.App.SendAsync(HttpMethod.Post, "/api/mail/inboxes", admin, new { domain_id = domain, local_part = "desk", name = "Desk" }));
    }

    private static async Task<JsonElement> CreatedAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
