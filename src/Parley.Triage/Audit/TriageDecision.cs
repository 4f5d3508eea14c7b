using Parley.Triage.Actions;

namespace Parley.Triage.Audit;

/// <summary>
/// What was decided for one email, as the audit records it. <see cref="LlmProvider"/>, <see cref="LlmModel"/> and
/// <see cref="Confidence"/> are null when a rule decided alone. <see cref="Subject"/> is given always; the writer keeps
/// it only when <c>state.audit_subjects</c> is on. <see cref="DryRun"/>: the actions were recorded, not done.
/// </summary>
internal sealed record TriageDecision(
    string MessageId,
    string AccountName,
    IReadOnlyList<TriageAction> Actions,
    string? Subject = null,
    string? LlmProvider = null,
    string? LlmModel = null,
    double? Confidence = null,
    string? Reasoning = null,
    bool DryRun = false);
