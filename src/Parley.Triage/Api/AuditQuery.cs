using Microsoft.EntityFrameworkCore;
using Parley.Triage.Actions;
using Parley.Triage.Audit;

namespace Parley.Triage.Api;

/// <summary>
/// The audit search's filters, shared by the page (<c>GET /api/triage/audit</c>) and the export, bound from the query
/// string (<c>min_confidence</c>, <c>max_confidence</c> in snake_case). Text (<see cref="Q"/>) is looked for in the subject and the reasoning, ignoring case.
/// </summary>
internal sealed record AuditQuery(
    string? Account,
    string? Action,
    string? Q,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Provider,
    double? MinConfidence,
    double? MaxConfidence)
{
    public const int MaxTextLength = 200;

    /// <summary>Every bad filter by name, or null.</summary>
    public Dictionary<string, string[]>? Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (Action is { Length: > 0 } action && TriageActionNames.Parse(action) is null)
        {
            errors["action"] = [$"'{action}' is not an action ({string.Join(", ", Enum.GetValues<TriageActionKind>().Select(TriageActionNames.Of))})"];
        }
        if (Q is { Length: > MaxTextLength })
        {
            errors["q"] = [$"must be at most {MaxTextLength} characters"];
        }
        if (MinConfidence is < 0 or > 1)
        {
            errors["min_confidence"] = ["must be 0–1"];
        }
        if (MaxConfidence is < 0 or > 1)
        {
            errors["max_confidence"] = ["must be 0–1"];
        }
        if (From is { } from && To is { } to && from > to)
        {
            errors["from"] = ["must not be after to"];
        }
        return errors.Count > 0 ? errors : null;
    }

    public IQueryable<AuditLogEntry> Apply(IQueryable<AuditLogEntry> query)
    {
        if (!string.IsNullOrEmpty(Account))
        {
            query = query.Where(e => e.AccountName == Account);
        }
        if (!string.IsNullOrEmpty(Action))
        {
            // The actions column is a compact JSON array written by TriageAuditLog: [{"type":"move",...}].
            var needle = "\"type\":\"" + TriageActionNames.Of(TriageActionNames.Parse(Action)!.Value) + "\"";
            query = query.Where(e => e.Actions.Contains(needle));
        }
        if (!string.IsNullOrEmpty(Q))
        {
            var text = Q.ToLowerInvariant();
            query = query.Where(e => (e.Subject != null && e.Subject.ToLower().Contains(text)) || (e.Reasoning != null && e.Reasoning.ToLower().Contains(text)));
        }
        if (From is { } from)
        {
            var at = from.ToUnixTimeSeconds();
            query = query.Where(e => e.CreatedAt >= at);
        }
        if (To is { } to)
        {
            var at = to.ToUnixTimeSeconds();
            query = query.Where(e => e.CreatedAt <= at);
        }
        if (!string.IsNullOrEmpty(Provider))
        {
            query = query.Where(e => e.LlmProvider == Provider);
        }
        if (MinConfidence is { } min)
        {
            query = query.Where(e => e.Confidence >= min);
        }
        if (MaxConfidence is { } max)
        {
            query = query.Where(e => e.Confidence <= max);
        }
        return query;
    }
}
