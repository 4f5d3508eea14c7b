using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Core.Webhooks;
using Parley.Tests.Infrastructure;
using Parley.Triage.Actions;
using Parley.Triage.Audit;
using Parley.Triage.DeadLetters;

namespace Parley.Triage.Tests.Webhooks;

/// <summary>
/// Account webhooks and notifications, end to end: an audit decision or a dead letter → Core's delivery job → a real
/// HTTP receiver, signed.
/// </summary>
public sealed class AccountWebhookTests
{
    private const string Secret = "whsec_account-hook-secret";

    private static readonly TriageDecision Decision = new(
        "<m1@example.com>", "work", [new TriageAction(TriageActionKind.Move, Folder: "Invoices")],
        Subject: "Invoice 117 overdue", LlmProvider: "openai", LlmModel: "gpt-4o-mini", Confidence: 0.9, Reasoning: "An invoice");

    [Theory, BothProviders]
    public async Task Decisions_and_dead_letters_reach_the_accounts_hooks_signed_without_body_or_subject(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(provider, Settings(receiver, auditSubjects: false));

        await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(Decision));
        await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<m2@example.com>", "work", "INBOX", 42, "LLM down"));

        await Eventually.Until(() => receiver.Received.Count >= 3, because: "a decision to /decisions, a dead letter to /failures and to /all");
        var received = receiver.Received.ToList();
        Assert.All(received, r => Assert.True(WebhookSigner.Verify(Secret, r.Signature, r.Body, TimeSpan.FromMinutes(5)), $"signature of {r.Path}"));

        var decision = Assert.Single(received, r => r.Path == "/decisions");
        Assert.Equal("action_taken", decision.Event);
        using (var body = JsonDocument.Parse(decision.Body))
        {
            var data = body.RootElement.GetProperty("data");
            Assert.Equal(("action_taken", "work", "<m1@example.com>", "move", "Invoices", 0.9),
                (body.RootElement.GetProperty("type").GetString(), data.GetProperty("account").GetString(), data.GetProperty("message_id").GetString(),
                 data.GetProperty("actions")[0].GetProperty("type").GetString(), data.GetProperty("actions")[0].GetProperty("folder").GetString(),
                 data.GetProperty("confidence").GetDouble()));
            Assert.Equal(JsonValueKind.Null, data.GetProperty("subject").ValueKind);
            Assert.False(data.TryGetProperty("body", out _));
        }
        Assert.DoesNotContain("Invoice 117", decision.Body, StringComparison.Ordinal);

        var failure = Assert.Single(received, r => r.Path == "/failures");
        Assert.Equal("dead_letter", failure.Event);
        // The hook naming both `error` and `dead_letter` gets one delivery, typed `dead_letter` (the more precise).
        var all = Assert.Single(received, r => r.Path == "/all");
        Assert.Equal("dead_letter", all.Event);
        using (var body = JsonDocument.Parse(failure.Body))
        {
            var data = body.RootElement.GetProperty("data");
            Assert.Equal(("<m2@example.com>", "INBOX", 42, "pending", "LLM down"),
                (data.GetProperty("message_id").GetString(), data.GetProperty("folder").GetString(), data.GetProperty("uid").GetInt64(),
                 data.GetProperty("status").GetString(), data.GetProperty("error").GetString()));
        }
    }

    [Fact]
    public async Task The_subject_is_sent_only_when_audit_subjects_is_on()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, Settings(receiver, auditSubjects: true));

        await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(Decision));

        await Eventually.Until(() => !receiver.Received.IsEmpty);
        using var body = JsonDocument.Parse(Assert.Single(receiver.Received).Body);
        Assert.Equal("Invoice 117 overdue", body.RootElement.GetProperty("data").GetProperty("subject").GetString());
    }

    [Theory, BothProviders]
    public async Task Notifications_go_to_Core_endpoints_subscribed_to_triage_events_naming_the_users(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = Settings(receiver, auditSubjects: false);
        settings["Triage:accounts:0:notifications:users:0"] = "alice";
        settings["Triage:accounts:0:notifications:events:0"] = "dead_letter";
        settings["Triage:accounts:0:notifications:events:1"] = "exhausted";
        settings["Triage:retry:max_attempts"] = "2";
        await using var app = await TestApp.StartAsync(provider, settings, b => b.Services.AddSingleton<IDeadLetterReprocessor>(new FailingReprocessor()));
        var coreSecret = WebhookSigner.NewSecret();
        await using (var scope = app.CreateScope())
        {
            var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            var keyring = scope.ServiceProvider.GetRequiredService<InstanceKeyring>();
            core.WebhookEndpoints.Add(new WebhookEndpoint
            {
                Url = new Uri(receiver.BaseUrl, "/operators").ToString(),
                EventTypes = """["triage.dead_letter","triage.exhausted"]""",
                SecretCiphertext = keyring.Encrypt(WebhookTransport.SecretPurpose, Encoding.UTF8.GetBytes(coreSecret)),
            });
            await core.SaveChangesAsync();
        }

        var entry = await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<m3@example.com>", "work", "INBOX", 7, "IMAP down"));
        await app.WithAsync<DeadLetterQueue, DeadLetterCommandResult>(q => q.RetryNowAsync(entry.Id));

        await Eventually.Until(() => receiver.Received.Count(r => r.Path == "/operators") >= 2, because: "a dead letter, then its retry exhausted");
        var notes = receiver.Received.Where(r => r.Path == "/operators").OrderBy(r => r.Event, StringComparer.Ordinal).ToList();
        Assert.Equal(["triage.dead_letter", "triage.exhausted"], notes.Select(n => n.Event));
        Assert.All(notes, n => Assert.True(WebhookSigner.Verify(coreSecret, n.Signature, n.Body, TimeSpan.FromMinutes(5))));
        using var body = JsonDocument.Parse(notes[1].Body);
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(("work", "exhausted", "alice", 2), (data.GetProperty("account").GetString(), data.GetProperty("event").GetString(),
            data.GetProperty("users")[0].GetString(), data.GetProperty("attempts").GetInt32()));
    }

    [Theory, BothProviders]
    public async Task Startup_and_shutdown_reach_the_hooks_that_name_them(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = Settings(receiver, auditSubjects: false);
        settings["Triage:accounts:0:webhooks:3:url"] = new Uri(receiver.BaseUrl, "/life").ToString();
        settings["Triage:accounts:0:webhooks:3:events:0"] = "startup";
        settings["Triage:accounts:0:webhooks:3:events:1"] = "shutdown";
        settings["Triage:accounts:0:webhooks:3:secret"] = Secret;
        await using var app = await TestApp.StartAsync(provider, settings);
        int Count(string type) => receiver.Received.Count(r => r.Path == "/life" && r.Event == type);

        await Eventually.Until(() => Count("startup") == 1, because: "startup after the server started");
        await app.RestartAsync();

        // The shutdown is queued as stopping begins: sent then, or at the next start.
        await Eventually.Until(() => Count("startup") == 2 && Count("shutdown") == 1, because: "a shutdown and a second startup");
        var shutdown = receiver.Received.Single(r => r.Path == "/life" && r.Event == "shutdown");
        Assert.True(WebhookSigner.Verify(Secret, shutdown.Signature, shutdown.Body, TimeSpan.FromMinutes(5)));
        using var body = JsonDocument.Parse(shutdown.Body);
        Assert.Equal(("shutdown", "stopping"), (body.RootElement.GetProperty("data").GetProperty("event").GetString(), body.RootElement.GetProperty("data").GetProperty("reason").GetString()));
        // Hooks not naming the events get nothing from them.
        Assert.DoesNotContain(receiver.Received, r => r.Path != "/life");
    }

    private static Dictionary<string, string?> Settings(WebhookReceiver receiver, bool auditSubjects) => new()
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Triage:state:audit_subjects"] = auditSubjects ? "true" : "false",
        ["Triage:accounts:0:name"] = "work",
        ["Triage:accounts:0:imap:host"] = "127.0.0.1",
        ["Triage:accounts:0:imap:port"] = "1",
        ["Triage:accounts:0:imap:username"] = "work",
        ["Triage:accounts:0:imap:password"] = "unused",
        ["Triage:accounts:0:webhooks:0:url"] = new Uri(receiver.BaseUrl, "/decisions").ToString(),
        ["Triage:accounts:0:webhooks:0:events:0"] = "action_taken",
        ["Triage:accounts:0:webhooks:0:secret"] = Secret,
        ["Triage:accounts:0:webhooks:1:url"] = new Uri(receiver.BaseUrl, "/failures").ToString(),
        ["Triage:accounts:0:webhooks:1:events:0"] = "dead_letter",
        ["Triage:accounts:0:webhooks:1:secret"] = Secret,
        ["Triage:accounts:0:webhooks:2:url"] = new Uri(receiver.BaseUrl, "/all").ToString(),
        ["Triage:accounts:0:webhooks:2:events:0"] = "error",
        ["Triage:accounts:0:webhooks:2:events:1"] = "dead_letter",
        ["Triage:accounts:0:webhooks:2:events:2"] = "connection_lost",
        ["Triage:accounts:0:webhooks:2:secret"] = Secret,
    };

    private sealed class FailingReprocessor : IDeadLetterReprocessor
    {
        public Task ReprocessAsync(DeadLetterItem item, CancellationToken cancellationToken) => throw new InvalidOperationException("still down");
    }
}
