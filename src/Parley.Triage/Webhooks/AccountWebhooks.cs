using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Core.Events;
using Parley.Core.Webhooks;
using Parley.Triage.Audit;
using Parley.Triage.Configuration;
using Parley.Triage.DeadLetters;
using Parley.Triage.Notifications;
using Parley.Triage.Storage;

namespace Parley.Triage.Webhooks;

/// <summary>
/// Mailpilot's per-account <c>webhooks</c>: a decision (<c>email_processed</c> / <c>action_taken</c>) or a dead letter
/// (<c>dead_letter</c>, and <c>error</c> for a new one) is queued as a Core webhook delivery in Triage's database —
/// signed (<c>Parley-Signature</c>), retried on Core's schedule, durable — for every hook of the account that names the
/// event; <c>connection_lost</c> / <c>connection_restored</c> when the connection monitor reports an outage. Only an
/// insert happens here: the pipeline never waits on a receiver. Payloads carry what the audit row
/// holds: no body, the subject only when <c>state.audit_subjects</c> is on.
/// </summary>
internal sealed class AccountWebhooks(TriageDbContext db, WebhookPublisher publisher, IOptionsMonitor<TriageOptions> options)
    : IEventHandler<TriageDecisionRecorded>, IEventHandler<DeadLetterRecorded>, IEventHandler<AccountConnectionChanged>
{
    public const string EmailProcessed = "email_processed";
    public const string ActionTaken = "action_taken";
    public const string DeadLetter = "dead_letter";
    public const string Error = "error";

    public Task HandleAsync(TriageDecisionRecorded e, CancellationToken cancellationToken)
    {
        using var actions = JsonDocument.Parse(e.ActionsJson);
        var data = new DecisionPayload(e.AccountName, e.MessageId, e.AuditId, actions.RootElement.Clone(), e.Subject,
            e.LlmProvider, e.LlmModel, e.Confidence, e.Reasoning, e.DryRun, e.At);
        return QueueAsync(e.AccountName, [EmailProcessed, ActionTaken], data, cancellationToken);
    }

    public Task HandleAsync(DeadLetterRecorded e, CancellationToken cancellationToken)
    {
        var data = new DeadLetterPayload(e.AccountName, e.MessageId, e.DeadLetterId, e.Folder, e.Uid, e.Status, e.Attempts, e.Error, e.At);
        // A new entry is a processing error as well (Mailpilot's `error`); running out of retries is not a new one.
        return QueueAsync(e.AccountName, e.Exhausted ? [DeadLetter] : [DeadLetter, Error], data, cancellationToken);
    }

    /// <summary>Mailpilot's <c>connection_lost</c> / <c>connection_restored</c>: after the grace, once per outage.</summary>
    public Task HandleAsync(AccountConnectionChanged e, CancellationToken cancellationToken) =>
        QueueAsync(e.AccountName, [e.EventName], new ConnectionPayload(e.AccountName, e.DownSince, e.LastError, e.At), cancellationToken);

    /// <summary>One delivery per subscribed hook, its type the first of <paramref name="eventTypes"/> the hook names.</summary>
    private async Task QueueAsync(string account, string[] eventTypes, object data, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var (name, index, hook) in AccountWebhookEndpoints.All(options.CurrentValue).Where(h => h.Account == account))
        {
            if (eventTypes.FirstOrDefault(hook.Events.Contains) is { } type)
            {
                publisher.Add(db, AccountWebhookEndpoints.SourceName, AccountWebhookEndpoints.IdOf(name, index, hook.Url), type, data);
                queued++;
            }
        }
        if (queued > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal sealed record DecisionPayload(
        string Account, string MessageId, long AuditId, JsonElement Actions, string? Subject, string? Provider, string? Model,
        double? Confidence, string? Reasoning, bool DryRun, DateTimeOffset At);

    internal sealed record ConnectionPayload(string Account, DateTimeOffset DownSince, string? Error, DateTimeOffset At);

    internal sealed record DeadLetterPayload(
        string Account, string MessageId, long DeadLetterId, string Folder, long Uid, string Status, int Attempts, string Error, DateTimeOffset At);
}
