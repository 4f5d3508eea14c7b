using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Parley.Core.Events;
using Parley.Triage.Actions;
using Parley.Triage.Configuration;
using Parley.Triage.Storage;

namespace Parley.Triage.Audit;

/// <summary>
/// Writes decisions to <c>audit_log</c>: the actions as a JSON array in the names of configuration and the LLM's reply
/// (<c>[{"type":"move","folder":"Work"}]</c>), the subject only when <c>state.audit_subjects</c> is true.
/// </summary>
internal sealed class TriageAuditLog(TriageDbContext db, TimeProvider clock, IOptionsMonitor<TriageOptions> options, EventBus events)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<AuditLogEntry> RecordAsync(TriageDecision decision, CancellationToken cancellationToken = default) =>
        (await RecordAllAsync([decision], cancellationToken))[0];

    /// <summary>
    /// One row per decision, all in one commit (with whatever else the scope's context holds: the pipeline adds the
    /// processed_messages rows), then one <see cref="TriageDecisionRecorded"/> per row, in order.
    /// </summary>
    public async Task<IReadOnlyList<AuditLogEntry>> RecordAllAsync(IReadOnlyList<TriageDecision> decisions, CancellationToken cancellationToken = default)
    {
        var entries = decisions.Select(Entry).ToList();
        db.AuditLog.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            await events.PublishAsync(new TriageDecisionRecorded(
                entry.Id, entry.MessageId, entry.AccountName, entry.Actions, entry.Subject, entry.LlmProvider, entry.LlmModel,
                entry.Confidence, entry.Reasoning, decisions[i].DryRun, DateTimeOffset.FromUnixTimeSeconds(entry.CreatedAt)), cancellationToken);
        }
        return entries;
    }

    private AuditLogEntry Entry(TriageDecision decision) =>
        new()
        {
            MessageId = decision.MessageId,
            AccountName = decision.AccountName,
            Actions = ActionsJson(decision.Actions),
            LlmProvider = decision.LlmProvider,
            LlmModel = decision.LlmModel,
            Subject = options.CurrentValue.State.AuditSubjects ? decision.Subject : null,
            Confidence = decision.Confidence,
            Reasoning = decision.Reasoning,
            CreatedAt = clock.GetUtcNow().ToUnixTimeSeconds(),
        };

    internal static string ActionsJson(IReadOnlyList<TriageAction> actions) =>
        JsonSerializer.Serialize(actions.Select(a => new ActionRecord(TriageActionNames.Of(a.Kind), a.Folder, a.Flags, a.Labels, a.ForwardTo)), Json);

    private sealed record ActionRecord(string Type, string? Folder, IReadOnlyList<string>? Flags, IReadOnlyList<string>? Labels, string? ForwardTo);
}
