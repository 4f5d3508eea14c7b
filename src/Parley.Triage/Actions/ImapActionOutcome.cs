namespace Parley.Triage.Actions;

/// <summary>What one action did (or, in dry-run, would do) to a message — for the audit log.</summary>
/// <param name="Performed">False in dry-run, for a skipped action, and for <c>none</c>.</param>
/// <param name="Description">For people: "moved to Receipts (created)", "would add \Flagged".</param>
public sealed record ImapActionOutcome(TriageAction Action, bool Performed, string Description);
