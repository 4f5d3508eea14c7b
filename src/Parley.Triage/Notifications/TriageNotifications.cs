using System.Globalization;
using Parley.Core.Events;
using Parley.Triage.DeadLetters;
using Parley.Triage.Storage;

namespace Parley.Triage.Notifications;

/// <summary>
/// An account's <c>notifications</c>: the operators' alerts, as opposed to the account's own <c>webhooks</c>. Mailpilot
/// shows them in the browser; Parley sends each as a Core webhook event to the endpoints admins subscribe at
/// <c>/api/admin/webhooks</c> — signed, retried, durable, naming the account's <c>users</c> — and emails it to those users
/// when <c>notifications.email</c> is on (<see cref="TriageNotifier"/>). Events: <c>dead_letter</c> / <c>error</c> (an
/// email entered the dead letter: every processing error ends there) → <c>triage.dead_letter</c>; <c>exhausted</c> /
/// <c>retry_exhausted</c> → <c>triage.exhausted</c>; <c>connection_lost</c> → <c>triage.connection_lost</c>, and its end
/// <c>triage.connection_restored</c> (sent to accounts naming <c>connection_lost</c> or <c>connection_restored</c>).
/// The daily summary is <see cref="DailySummaryJob"/>'s.
/// </summary>
internal sealed class TriageNotifications(TriageDbContext db, TriageNotifier notifier)
    : IEventHandler<DeadLetterRecorded>, IEventHandler<AccountConnectionChanged>
{
    public const string DeadLetterEvent = "triage.dead_letter";
    public const string ExhaustedEvent = "triage.exhausted";
    public const string ConnectionLostEvent = "triage.connection_lost";
    public const string ConnectionRestoredEvent = "triage.connection_restored";

    public async Task HandleAsync(DeadLetterRecorded e, CancellationToken cancellationToken)
    {
        var settings = e.Exhausted ? notifier.Wanted(e.AccountName, "exhausted", "retry_exhausted") : notifier.Wanted(e.AccountName, "dead_letter", "error");
        if (settings is null)
        {
            return;
        }
        var name = e.Exhausted ? "exhausted" : "dead_letter";
        var data = new Notification(e.AccountName, name, settings.Users, e.MessageId, e.DeadLetterId, e.Attempts, e.Error, e.At);
        var (subject, lead) = e.Exhausted
            ? ($"[Triage] {e.AccountName}: an email ran out of retries",
               $"An email of account {e.AccountName} failed {e.Attempts} times and will not be retried again.")
            : ($"[Triage] {e.AccountName}: an email could not be processed",
               $"An email of account {e.AccountName} could not be processed; it is in the dead letter and will be retried.");
        var text = string.Join('\n', lead, "",
            $"Message-ID: {e.MessageId}",
            $"Dead letter: {e.DeadLetterId.ToString(CultureInfo.InvariantCulture)} (folder {e.Folder}, attempts {e.Attempts.ToString(CultureInfo.InvariantCulture)})",
            $"Error: {e.Error}",
            $"At: {e.At.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}");
        await QueueAsync(new TriageNotice(e.AccountName, name, e.Exhausted ? ExhaustedEvent : DeadLetterEvent, data, subject, text), settings.Users, cancellationToken);
    }

    public async Task HandleAsync(AccountConnectionChanged e, CancellationToken cancellationToken)
    {
        var settings = notifier.Wanted(e.AccountName, e.Lost ? ["connection_lost"] : ["connection_lost", "connection_restored"]);
        if (settings is null)
        {
            return;
        }
        var data = new ConnectionNotification(e.AccountName, e.EventName, settings.Users, e.DownSince, e.At, e.LastError);
        var since = e.DownSince.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
        var (subject, text) = e.Lost
            ? ($"[Triage] {e.AccountName}: IMAP connection lost",
               $"Account {e.AccountName} has had no IMAP connection since {since}; Triage keeps reconnecting.\n\nLast error: {e.LastError ?? "(none)"}")
            : ($"[Triage] {e.AccountName}: IMAP connection restored",
               $"Account {e.AccountName} is connected again (down since {since}); mail that arrived meanwhile is being processed.");
        await QueueAsync(new TriageNotice(e.AccountName, e.EventName, e.Lost ? ConnectionLostEvent : ConnectionRestoredEvent, data, subject, text),
            settings.Users, cancellationToken);
    }

    private async Task QueueAsync(TriageNotice notice, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        if (await notifier.AddAsync(notice, users, cancellationToken) > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal sealed record Notification(
        string Account, string Event, IReadOnlyList<string> Users, string MessageId, long DeadLetterId, int Attempts, string Error, DateTimeOffset At);

    internal sealed record ConnectionNotification(
        string Account, string Event, IReadOnlyList<string> Users, DateTimeOffset DownSince, DateTimeOffset At, string? LastError);
}
