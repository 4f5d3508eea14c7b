using Microsoft.EntityFrameworkCore;
using Parley.Core.Webhooks;
using Parley.Tests.Infrastructure;
using Parley.Triage.Actions;
using Parley.Triage.Audit;

namespace Parley.Triage.Tests.Webhooks;

/// <summary>Mailpilot's webhook <c>headers</c>: sent with each delivery through Core's job, resolved at delivery, never stored.</summary>
public sealed class AccountWebhookHeaderTests
{
    private const string TokenVariable = "PARLEY_TEST_TRIAGE_WEBHOOK_TOKEN";

    [Theory, BothProviders]
    public async Task A_hooks_headers_arrive_with_each_delivery_and_the_token_is_not_stored(string provider)
    {
        var token = "tok-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(TokenVariable, token);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Triage:accounts:0:name"] = "work",
            ["Triage:accounts:0:imap:host"] = "127.0.0.1",
            ["Triage:accounts:0:imap:port"] = "1",
            ["Triage:accounts:0:imap:username"] = "work",
            ["Triage:accounts:0:imap:password"] = "unused",
            ["Triage:accounts:0:webhooks:0:url"] = receiver.Url.ToString(),
            ["Triage:accounts:0:webhooks:0:events:0"] = "action_taken",
            ["Triage:accounts:0:webhooks:0:headers:Authorization"] = "Bearer ${" + TokenVariable + "}",
            ["Triage:accounts:0:webhooks:0:headers:X-Tenant"] = "blue",
        });

        foreach (var id in new[] { "<h1@example.com>", "<h2@example.com>" })
        {
            await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(new TriageDecision(id, "work", [new TriageAction(TriageActionKind.Flag, Flags: ["\\Flagged"])])));
        }

        await Eventually.Until(() => receiver.Received.Count >= 2, because: "two deliveries through Core's job");
        Assert.All(receiver.Received.Select(r => r.Headers), headers =>
        {
            Assert.Equal("Bearer " + token, headers["Authorization"]);
            Assert.Equal("blue", headers["X-Tenant"]);
            Assert.Equal("action_taken", headers[WebhookSigner.EventHeader]);
            Assert.StartsWith("application/json", headers["Content-Type"], StringComparison.Ordinal);
        });
        var rows = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain(token, r.Payload + r.LastError + r.EventType, StringComparison.Ordinal));
    }
}
