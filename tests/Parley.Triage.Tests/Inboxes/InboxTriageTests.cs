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
using Parley.Triage.DeadLetters;
using Parley.Triage.Storage;

namespace Parley.Triage.Tests.Inboxes;

/// <summary>
/// Parley's own Mail inboxes triaged end to end: mail sent over SMTP (MailKit) to Parley's own server, labeled by a rule,
/// archived by the (fake) LLM's answer, announced to a real webhook receiver; a private inbox sends nothing to the LLM; a
/// dry-run inbox records only; a failed LLM call goes to the dead letter and its retry acts.
/// </summary>
public sealed class InboxTriageTests
{
    private const string Domain = "example.test";

    private static Dictionary<string, string?> Settings(FakeLlmServer llm) => new()
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Mail:Hostname"] = "mx.parley.test",
        ["Triage:retry:jitter"] = "false",
        ["Triage:llm_providers:0:name"] = "fake",
        ["Triage:llm_providers:0:api_url"] = llm.ChatCompletionsUrl.ToString(),
        ["Triage:llm_providers:0:default_model"] = "triage-model",
        ["Triage:rules:0:name"] = "invoices",
        ["Triage:rules:0:conditions:0:field"] = "subject",
        ["Triage:rules:0:conditions:0:value"] = "invoice",
        ["Triage:rules:0:actions:0:type"] = "label",
        ["Triage:rules:0:actions:0:labels:0"] = "Finance",
        ["Triage:inboxes:0:address"] = "hello@" + Domain,
        ["Triage:inboxes:0:minimum_confidence"] = "0.5",
        ["Triage:inboxes:1:address"] = "private@" + Domain,
        ["Triage:inboxes:1:private"] = "true",
        ["Triage:inboxes:2:address"] = "dry@" + Domain,
        ["Triage:inboxes:2:dry_run"] = "true",
    };

    private const string ArchiveReply = """{"actions":[{"type":"archive"}],"category":"newsletter","confidence":0.9,"reasoning":"a weekly newsletter"}""";

    [Theory, BothProviders]
    public async Task Rules_and_the_LLM_label_and_archive_stored_mail_and_webhooks_hear_of_it(string provider)
    {
        await using var llm = await FakeLlmServer.StartAsync();
        await using var app = await TestApp.StartAsync(provider, Settings(llm));
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = (await app.SignInAsync()).AccessToken;
        var domain = (await JsonAsync(app.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = Domain }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var hello = await InboxAsync(app, admin, domain, "hello");
        await JsonAsync(app.SendAsync(HttpMethod.Post, "/api/mail/webhooks", admin,
            new { url = receiver.Url.ToString(), events = new[] { "message.labeled", "thread.state_changed" } }), HttpStatusCode.Created);

        // A rule decides: labeled Finance, no LLM asked.
        var invoice = await SendAsync(app, "hello", "Invoice 42", "Amount due: 10 EUR");
        await Eventually.Until(async () => (await LabelsAsync(app, admin, invoice)).Contains("Finance"), TimeSpan.FromSeconds(20), "the rule's label");
        Assert.Empty(llm.Requests);
        await Eventually.Until(() => receiver.Received.Any(r => r.Event == "message.labeled"), TimeSpan.FromSeconds(15), "message.labeled delivered");
        var labeled = JsonDocument.Parse(receiver.Received.First(r => r.Event == "message.labeled").Body).RootElement.GetProperty("data");
        Assert.Equal((invoice, "Finance", true), (labeled.Str("message_id"), labeled.Str("label"), labeled.GetProperty("labeled").GetBoolean()));

        // The LLM decides: the thread is archived.
        llm.Reply(ArchiveReply);
        var news = await SendAsync(app, "hello", "Weekly news", "All the news of the week.");
        await Eventually.Until(async () => await ThreadStateAsync(app, admin, news) == "archived", TimeSpan.FromSeconds(20), "archived by the LLM");
        Assert.Contains("Weekly news", Assert.Single(llm.Requests).Body, StringComparison.Ordinal);
        await Eventually.Until(() => receiver.Received.Any(r => r.Event == "thread.state_changed"), TimeSpan.FromSeconds(15), "thread.state_changed delivered");

        var audit = await app.WithDbAsync(db => db.AuditLog.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["inbox:hello@example.test", "inbox:hello@example.test"], audit.Select(a => a.AccountName));
        Assert.Equal("""[{"type":"label","labels":["Finance"]}]""", audit[0].Actions);
        Assert.Null(audit[0].LlmProvider);
        Assert.Equal(("""[{"type":"archive"}]""", "fake", "triage-model", 0.9), (audit[1].Actions, audit[1].LlmProvider, audit[1].LlmModel, audit[1].Confidence));
        var processed = await app.WithDbAsync(db => db.ProcessedMessages.AsNoTracking().Select(p => p.MessageId).ToListAsync());
        Assert.Equal(new[] { invoice, news }.Order(StringComparer.Ordinal), processed.Order(StringComparer.Ordinal));
        Assert.Equal("open", await ThreadStateAsync(app, admin, invoice));
        Assert.Empty(await LabelsAsync(app, admin, news));
    }

    [Theory, BothProviders]
    public async Task A_private_inbox_sends_nothing_to_the_LLM_and_a_dry_run_inbox_records_only(string provider)
    {
        await using var llm = await FakeLlmServer.StartAsync();
        await using var app = await TestApp.StartAsync(provider, Settings(llm));
        var admin = (await app.SignInAsync()).AccessToken;
        var domain = (await JsonAsync(app.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = Domain }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await InboxAsync(app, admin, domain, "private");
        await InboxAsync(app, admin, domain, "dry");
        await InboxAsync(app, admin, domain, "untriaged");
        llm.Reply(ArchiveReply).Reply(ArchiveReply);

        var secret = await SendAsync(app, "private", "Medical results", "Private matters.");
        var dryInvoice = await SendAsync(app, "dry", "Invoice 9", "Amount due.");
        var dryNews = await SendAsync(app, "dry", "Weekly news", "News.");
        var untriaged = await SendAsync(app, "untriaged", "Invoice 10", "Not triaged.");
        await Eventually.Until(async () => await app.WithDbAsync(db => db.AuditLog.CountAsync()) == 3, TimeSpan.FromSeconds(20), "three decisions");

        var audit = await app.WithDbAsync(db => db.AuditLog.AsNoTracking().ToListAsync());
        var privateRow = Assert.Single(audit, a => a.MessageId == secret);
        Assert.Equal(("inbox:private@example.test", """[{"type":"none"}]"""), (privateRow.AccountName, privateRow.Actions));
        // Only the dry-run inbox's news went to the LLM; the private inbox's mail never did.
        var request = Assert.Single(llm.Requests);
        Assert.DoesNotContain("Medical results", request.Body, StringComparison.Ordinal);
        Assert.Contains("Weekly news", request.Body, StringComparison.Ordinal);
        Assert.Equal("""[{"type":"label","labels":["Finance"]}]""", Assert.Single(audit, a => a.MessageId == dryInvoice).Actions);
        Assert.Equal("""[{"type":"archive"}]""", Assert.Single(audit, a => a.MessageId == dryNews).Actions);
        // Dry run: recorded, nothing changed.
        Assert.Empty(await LabelsAsync(app, admin, dryInvoice));
        Assert.Equal("open", await ThreadStateAsync(app, admin, dryNews));
        Assert.DoesNotContain(audit, a => a.MessageId == untriaged);
        Assert.Empty(await LabelsAsync(app, admin, untriaged));
    }

    [Theory, BothProviders]
    public async Task A_failed_LLM_call_goes_to_the_dead_letter_and_its_retry_archives(string provider)
    {
        await using var llm = await FakeLlmServer.StartAsync();
        await using var app = await TestApp.StartAsync(provider, Settings(llm));
        var admin = (await app.SignInAsync()).AccessToken;
        var domain = (await JsonAsync(app.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = Domain }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var hello = await InboxAsync(app, admin, domain, "hello");
        llm.Status(500);

        var news = await SendAsync(app, "hello", "Weekly news", "News.");
        await Eventually.Until(async () => await app.WithDbAsync(db => db.DeadLetters.CountAsync()) == 1, TimeSpan.FromSeconds(20), "a dead letter");
        var entry = await app.WithDbAsync(db => db.DeadLetters.AsNoTracking().SingleAsync());
        Assert.Equal((news, "inbox:hello@example.test", "mail:" + hello, 0L, DeadLetterStatus.Pending),
            (entry.MessageId, entry.AccountName, entry.Folder, entry.Uid, entry.RetryStatus));
        Assert.StartsWith("provider_error", entry.Error, StringComparison.Ordinal);
        Assert.Equal("open", await ThreadStateAsync(app, admin, news));
        Assert.Empty(await app.WithDbAsync(db => db.ProcessedMessages.ToListAsync()));

        llm.Reply(ArchiveReply);
        await using (var scope = app.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<DeadLetterQueue>().RetryAsync(entry.Id));
        }
        var retried = await app.WithDbAsync(db => db.DeadLetters.AsNoTracking().SingleAsync());
        Assert.Equal(DeadLetterStatus.Success, retried.RetryStatus);
        Assert.Equal("archived", await ThreadStateAsync(app, admin, news));
        Assert.Equal(news, Assert.Single(await app.WithDbAsync(db => db.ProcessedMessages.AsNoTracking().ToListAsync())).MessageId);
    }

    internal static async Task<Guid> InboxAsync(TestApp app, string admin, Guid domain, string localPart) =>
        (await JsonAsync(app.SendAsync(HttpMethod.Post, "/api/mail/inboxes", admin, new { domain_id = domain, local_part = localPart, name = localPart }), HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    /// <summary>Sends over SMTP to Parley's own server with MailKit; returns the Message-ID.</summary>
    private static async Task<string> SendAsync(TestApp app, string localPart, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(new MailboxAddress("Ada", "ada@sender.test"));
        message.To.Add(new MailboxAddress(null, $"{localPart}@{Domain}"));
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", app.Services.GetRequiredService<SmtpListener>().Endpoint!.Port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
        return message.MessageId!;
    }

    internal static async Task<List<string>> LabelsAsync(TestApp app, string admin, string messageId) =>
        (await JsonAsync(app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(messageId)}", admin)))
        .GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();

    private static async Task<string> ThreadStateAsync(TestApp app, string admin, string messageId)
    {
        var thread = (await JsonAsync(app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(messageId)}", admin))).Str("thread_id");
        return (await JsonAsync(app.SendAsync(HttpMethod.Get, $"/api/mail/threads/{thread}", admin))).Str("state");
    }

    internal static async Task<JsonElement> JsonAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await call;
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {json}");
        return json;
    }
}
