namespace Parley.Triage.Audit;

/// <summary>
/// A decision was written to <c>audit_log</c> (committed), published on Core's event bus by <see cref="TriageAuditLog"/>.
/// Subscribers — the dashboard's live feed, account webhooks, notifications — see what the audit row holds: the
/// subject only when <c>state.audit_subjects</c> is on, never the body. <see cref="DryRun"/> says nothing was touched.
/// </summary>
public sealed record TriageDecisionRecorded(
    long AuditId,
    string MessageId,
    string AccountName,
    string ActionsJson,
    string? Subject,
    string? LlmProvider,
    string? LlmModel,
    double? Confidence,
    string? Reasoning,
    bool DryRun,
    DateTimeOffset At);
