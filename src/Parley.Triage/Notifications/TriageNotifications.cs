using Microsoft.Extensions.Options;
using Parley.Core.Events;
using Parley.Core.Webhooks;
using Parley.Triage.Configuration;
using Parley.Triage.DeadLetters;
using Parley.Triage.Storage;

namespace Parley.Triage.Notifications;

/// <summary>
/// An account's <c>notifications</c>: the operators' alerts, as opposed to the account's own <c>webhooks</c>. Mailpilot
/// shows them in the browser; Parley sends them as Core webhook events (<c>triage.dead_letter</c>,
/// <c>triage.exhausted</c>) to the endpoints admins subscribe at <c>/api/admin/webhooks</c> — signed, retried, durable,
/// queued with an insert so the pipeline never waits — naming the account's <c>users</c> to tell. Events:
/// <c>dead_letter</c> (an email entered the dead letter), <c>error</c> (the same: every processing error ends there),
/// <c>exhausted</c> (it ran out of retries); <c>connection_lost</c> waits for the watcher to report connection state.
/// </summary>
internal sealed class TriageNotifications(TriageDbContext db, WebhookPublisher publisher, IOptionsMonitor<TriageOptions> options)
    : IEventHandler<DeadLetterRecorded>
{
    public const string DeadLetterEvent = "triage.dead_letter";
    public const string ExhaustedEvent = "triage.exhausted";

    public async Task HandleAsync(DeadLetterRecorded e, CancellationToken cancellationToken)
    {
        var account = options.CurrentValue.Accounts.FirstOrDefault(a => a.Name == e.AccountName);
        if (account is null)
        {
            return;
        }
        var events = account.Notifications.Events;
        var wanted = e.Exhausted ? events.Contains("exhausted") : events.Contains("dead_letter") || events.Contains("error");
        if (!wanted)
        {
            return;
        }
        var data = new Notification(e.AccountName, e.Exhausted ? "exhausted" : "dead_letter", account.Notifications.Users,
            e.MessageId, e.DeadLetterId, e.Attempts, e.Error, e.At);
        if (await publisher.EnqueueAsync(db, e.Exhausted ? ExhaustedEvent : DeadLetterEvent, data, cancellationToken) > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal sealed record Notification(
        string Account, string Event, IReadOnlyList<string> Users, string MessageId, long DeadLetterId, int Attempts, string Error, DateTimeOffset At);
}
