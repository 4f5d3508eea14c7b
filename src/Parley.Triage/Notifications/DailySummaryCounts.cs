using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Triage.DeadLetters;
using Parley.Triage.Storage;

namespace Parley.Triage.Notifications;

/// <summary>
/// One account's day for the daily summary, from <c>audit_log</c> and <c>dead_letter</c> in [from, to): decisions in
/// all, by action (each distinct action of a decision once) and by source (<c>rule</c>: no LLM was asked — a rule or
/// the private policy; <c>llm</c>), dead letters new and exhausted, and errors (every processing error enters the dead
/// letter, so errors are the new entries; a retry that fails again is an attempt, not a new error).
/// </summary>
internal sealed record DailySummaryCounts(
    long Processed,
    IReadOnlyDictionary<string, long> ByAction,
    IReadOnlyDictionary<string, long> BySource,
    long DeadLettersNew,
    long DeadLettersExhausted,
    long Errors)
{
    public static async Task<DailySummaryCounts> ReadAsync(TriageDbContext db, string account, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        long start = from.ToUnixTimeSeconds(), end = to.ToUnixTimeSeconds();
        var decisions = await db.AuditLog.AsNoTracking()
            .Where(a => a.AccountName == account && a.CreatedAt >= start && a.CreatedAt < end)
            .Select(a => new { a.Actions, Llm = a.LlmProvider != null })
            .ToListAsync(cancellationToken);
        var byAction = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var decision in decisions)
        {
            foreach (var type in ActionTypes(decision.Actions))
            {
                byAction[type] = byAction.GetValueOrDefault(type) + 1;
            }
        }
        var newDeadLetters = await db.DeadLetters.AsNoTracking()
            .LongCountAsync(d => d.AccountName == account && d.CreatedAt >= start && d.CreatedAt < end, cancellationToken);
        var exhausted = await db.DeadLetters.AsNoTracking()
            .LongCountAsync(d => d.AccountName == account && d.RetryStatus == DeadLetterStatus.Exhausted && d.ResolvedAt >= start && d.ResolvedAt < end, cancellationToken);
        var llm = decisions.LongCount(d => d.Llm);
        return new DailySummaryCounts(
            decisions.Count, byAction,
            new SortedDictionary<string, long>(StringComparer.Ordinal) { ["llm"] = llm, ["rule"] = decisions.Count - llm },
            newDeadLetters, exhausted, newDeadLetters);
    }

    /// <summary>The distinct <c>type</c>s of an audit row's actions array (<c>[{"type":"move",…}]</c>).</summary>
    private static IEnumerable<string> ActionTypes(string actionsJson)
    {
        using var actions = JsonDocument.Parse(actionsJson);
        return actions.RootElement.ValueKind != JsonValueKind.Array
            ? []
            : actions.RootElement.EnumerateArray()
                .Select(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("type", out var t) ? t.GetString() : null)
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }
}
