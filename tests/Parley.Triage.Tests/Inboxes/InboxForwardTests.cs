using System.Globalization;
using System.Net;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Mail.Smtp;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Triage.Tests.Inboxes;

/// <summary>
/// A Parley inbox's forward action end to end: mail sent over SMTP to Parley's own server, a rule that forwards it, and
/// Mail's relay (a real aiosmtpd) receiving the forward sent from the inbox.
/// </summary>
public sealed class InboxForwardTests
{
    private const string Domain = "example.test";

    [Theory, BothProviders]
    public async Task A_rule_forwards_stored_mail_from_its_inbox_through_mail(string provider)
    {
        using var relay = await TestSmtpSink.StartAsync();
        await using var app = await StartAsync(provider, relay, "order", "warehouse@elsewhere.test");
        var message = new MimeMessage { Subject = "New order 17", Body = new TextPart("plain") { Text = "Two blue mugs." } };
        message.From.Add(new MailboxAddress("Ada", "ada@sender.test"));
        message.To.Add(new MailboxAddress(null, "shop@" + Domain));
        await DeliverAsync(app, message);

        await Eventually.Until(() => relay.Received().Count == 1, TimeSpan.FromSeconds(30), "Mail's relay receives the forward");
        var forward = Assert.Single(relay.Messages());
        Assert.Equal("Fwd: New order 17", forward.Subject);
        Assert.Equal("shop@" + Domain, forward.From.Mailboxes.Single().Address);
        Assert.Equal("warehouse@elsewhere.test", forward.To.Mailboxes.Single().Address);
        Assert.Equal("auto-forwarded", forward.Headers["Auto-Submitted"]);
        Assert.Contains("From: ada@sender.test", forward.TextBody, StringComparison.Ordinal);
        Assert.Contains("Two blue mugs.", forward.TextBody, StringComparison.Ordinal);
        await Eventually.Until(async () => await app.WithDbAsync(db => db.AuditLog.CountAsync()) == 1, TimeSpan.FromSeconds(15), "the decision is audited");
        // recorded, so a retry of this message would not forward it again
        var row = await app.WithDbAsync(db => db.ForwardedMessages.AsNoTracking().SingleAsync());
        Assert.Equal(("inbox:shop@example.test", message.MessageId, "warehouse@elsewhere.test"), (row.AccountName, row.MessageId, row.ForwardTo));
    }

    [Theory, BothProviders]
    public async Task A_forward_of_stored_mail_carries_its_attachment(string provider)
    {
        using var relay = await TestSmtpSink.StartAsync();
        await using var app = await StartAsync(provider, relay, "invoice", "books@elsewhere.test");
        await DeliverAsync(app, Pipeline.ForwardAttachmentTests.Invoice("Invoice 17 for March", from: "billing@sender.test", to: "shop@" + Domain));

        await Eventually.Until(() => relay.Received().Count == 1, TimeSpan.FromSeconds(30), "Mail's relay receives the forward");
        var forward = Assert.Single(relay.Messages());
        Assert.Equal("Fwd: Invoice 17 for March", forward.Subject);
        Assert.Equal("shop@" + Domain, forward.From.Mailboxes.Single().Address);
        Assert.Equal("auto-forwarded", forward.Headers["Auto-Submitted"]);
        Assert.Contains("To: shop@" + Domain, forward.TextBody, StringComparison.Ordinal);
        Pipeline.ForwardAttachmentTests.AssertCarriesTheInvoice(forward);
        await Eventually.Until(async () => await app.WithDbAsync(db => db.ForwardedMessages.CountAsync()) == 1, TimeSpan.FromSeconds(15), "the forward is recorded");
    }

    /// <summary>Parley with the inbox shop@example.test triaged by one rule (subject contains <paramref name="subject"/> → forward), Mail relaying to <paramref name="relay"/>.</summary>
    private static async Task<TestApp> StartAsync(string provider, TestSmtpSink relay, string subject, string forwardTo)
    {
        var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Mail:Hostname"] = "mx.parley.test",
            ["Mail:Outbound:Relay:Host"] = "127.0.0.1",
            ["Mail:Outbound:Relay:Port"] = relay.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Outbound:Relay:Security"] = "None",
            ["Triage:rules:0:name"] = "forwarding",
            ["Triage:rules:0:conditions:0:field"] = "subject",
            ["Triage:rules:0:conditions:0:value"] = subject,
            ["Triage:rules:0:actions:0:type"] = "forward",
            ["Triage:rules:0:actions:0:forward_to"] = forwardTo,
            ["Triage:inboxes:0:address"] = "shop@" + Domain,
        });
        var admin = (await app.SignInAsync()).AccessToken;
        var domain = (await JsonAsync(app.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = Domain }))).GetProperty("id").GetGuid();
        await JsonAsync(app.SendAsync(HttpMethod.Post, "/api/mail/inboxes", admin, new { domain_id = domain, local_part = "shop", name = "Shop" }));
        return app;
    }

    /// <summary>Over SMTP to Parley's own server, as any sender would.</summary>
    private static async Task DeliverAsync(TestApp app, MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", app.Services.GetRequiredService<SmtpListener>().Endpoint!.Port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }

    private static async Task<JsonElement> JsonAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
