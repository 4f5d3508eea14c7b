using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Actions;
using Parley.Triage.Api;
using Parley.Triage.Audit;

namespace Parley.Triage.Tests.Api;

public sealed class LiveFeedTests
{
    [Theory, BothProviders]
    public async Task A_recorded_decision_reaches_a_signed_in_dashboard_and_a_plain_user_cannot_connect(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider);
        await using var _ = app;
        var token = await app.DashboardTokenAsync();
        await using var feed = await HubClient.ConnectAsync(app, token, path: TriageFeedHub.Path, events: TriageFeedHub.EventName);

        var entry = await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(new TriageDecision(
            "<live@x>", "work", [new TriageAction(TriageActionKind.Move, Folder: "Work")], "secret subject", "openai", "m", 0.9, "work mail", DryRun: true)));

        var pushed = await feed.NextAsync(TriageFeedHub.EventName);
        Assert.True(pushed.GetProperty("dry_run").GetBoolean());
        var decision = pushed.GetProperty("decision");
        Assert.Equal((entry.Id, "<live@x>", "work", "move"),
            (decision.GetProperty("id").GetInt64(), decision.Str("message_id"), decision.Str("account"), decision.GetProperty("actions")[0].Str("type")));
        // audit_subjects is off: the feed shows what the audit row holds.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, decision.GetProperty("subject").ValueKind);

        var admin = await app.SignInAsync();
        await app.CreateUserAsync(admin.AccessToken, "plain", "plain-user-password-1");
        var plain = await app.SignInAsync("plain", "plain-user-password-1");
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(app, plain.AccessToken, path: TriageFeedHub.Path));
        Assert.Contains("403", refused.ToString(), StringComparison.Ordinal);
    }
}
