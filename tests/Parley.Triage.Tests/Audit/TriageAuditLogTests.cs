using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Triage.Actions;
using Parley.Triage.Audit;

namespace Parley.Triage.Tests.Audit;

public sealed class TriageAuditLogTests
{
    private static readonly TriageDecision Decision = new(
        "<m@x>", "work",
        [new TriageAction(TriageActionKind.Move, Folder: "Work"), new TriageAction(TriageActionKind.Flag, Flags: [@"\Flagged"]), new TriageAction(TriageActionKind.MarkRead)],
        Subject: "Quarterly numbers", LlmProvider: "openai", LlmModel: "gpt-4o-mini", Confidence: 0.92, Reasoning: "From the finance team");

    [Theory, BothProviders]
    public async Task A_decision_is_recorded_without_its_subject_by_default(string provider)
    {
        var (app, clock) = await TriageTestApp.StartAsync(provider);
        await using var _ = app;

        var id = (await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(Decision))).Id;

        var entry = await app.WithDbAsync(db => db.AuditLog.FindAsync(id).AsTask());
        Assert.NotNull(entry);
        Assert.Null(entry.Subject);
        Assert.Equal(("<m@x>", "work", "openai", "gpt-4o-mini", 0.92, "From the finance team", clock.GetUtcNow().ToUnixTimeSeconds()),
            (entry.MessageId, entry.AccountName, entry.LlmProvider, entry.LlmModel, entry.Confidence, entry.Reasoning, entry.CreatedAt));
        using var actions = JsonDocument.Parse(entry.Actions);
        Assert.Equal(JsonValueKind.Array, actions.RootElement.ValueKind);
        Assert.Equal(["move", "flag", "mark_read"], actions.RootElement.EnumerateArray().Select(a => a.GetProperty("type").GetString()));
        Assert.Equal("Work", actions.RootElement[0].GetProperty("folder").GetString());
        Assert.Equal(@"\Flagged", actions.RootElement[1].GetProperty("flags")[0].GetString());
        Assert.False(actions.RootElement[2].TryGetProperty("folder", out var __));
    }

    [Theory, BothProviders]
    public async Task The_subject_is_kept_when_audit_subjects_is_on_and_a_rule_decision_has_no_llm_fields(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider, new Dictionary<string, string?> { ["Triage:state:audit_subjects"] = "true" });
        await using var __ = app;

        var withSubject = await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(Decision));
        var byRule = await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(new TriageDecision("<r@x>", "work", [new TriageAction(TriageActionKind.None)], Subject: "Hi", Reasoning: "rule newsletters")));

        Assert.Equal("Quarterly numbers", (await app.WithDbAsync(db => db.AuditLog.FindAsync(withSubject.Id).AsTask()))!.Subject);
        var rule = (await app.WithDbAsync(db => db.AuditLog.FindAsync(byRule.Id).AsTask()))!;
        Assert.Equal(("Hi", null, null, null, """[{"type":"none"}]"""), (rule.Subject, rule.LlmProvider, rule.LlmModel, rule.Confidence, rule.Actions));
    }
}
