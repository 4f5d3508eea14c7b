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

    public async Task<AuditLogEntry> RecordAsync(TriageDecision decision, CancellationToken cancellationToken = default)
    {
        var entry = new AuditLogEntry
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
        db.AuditLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await events.PublishAsync(new TriageDecisionRecorded(
            entry.Id, entry.MessageId, entry.AccountName, entry.Actions, entry.Subject, entry.LlmProvider, entry.LlmModel,
            entry.Confidence, entry.Reasoning, decision.DryRun, DateTimeOffset.FromUnixTimeSeconds(entry.CreatedAt)), cancellationToken);
        return entry;
    }

    internal static string ActionsJson(IReadOnlyList<TriageAction> actions) =>
        JsonSerializer.Serialize(actions.Select(a => new ActionRecord(TriageActionNames.Of(a.Kind), a.Folder, a.Flags, a.Labels, a.ForwardTo)), Json);

    private sealed record ActionRecord(string Type, string? Folder, IReadOnlyList<string>? Flags, IReadOnlyList<string>? Labels, string? ForwardTo);
}
