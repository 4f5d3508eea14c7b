using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Jobs;
using Parley.Core.Storage;
using Parley.Core.Webhooks;
using Parley.Triage.Configuration;
using Parley.Triage.Storage;

namespace Parley.Triage.Notifications;

/// <summary>One notification of one account: its event name, the Core webhook event, the payload, and its email.</summary>
/// <param name="Event">The account's <c>notifications.events</c> name (<c>dead_letter</c>, <c>connection_lost</c>, …).</param>
/// <param name="WebhookEvent">The Core webhook event type (<c>triage.dead_letter</c>, …).</param>
/// <param name="Data">The webhook's <c>data</c>; it carries the account's <c>users</c>.</param>
/// <param name="Subject">The email's subject; never an email's body, a triaged email's subject only when <c>state.audit_subjects</c>.</param>
internal sealed record TriageNotice(string Account, string Event, string WebhookEvent, object Data, string Subject, string Text);

/// <summary>
/// Queues a notification in Triage's database, unsaved (the caller's <c>SaveChanges</c> commits it with its own
/// write): a Core webhook event for the endpoints subscribed at <c>/api/admin/webhooks</c>, and — when
/// <c>notifications.email.enabled</c> — one <see cref="NotificationEmailJob"/> per user with a Parley email address.
/// Only inserts: a slow or failing receiver or mail path never stalls the pipeline; both are retried by their jobs.
/// </summary>
internal sealed partial class TriageNotifier(
    TriageDbContext db,
    CoreDbContext core,
    WebhookPublisher publisher,
    JobQueue jobs,
    IOptionsMonitor<TriageOptions> options,
    ILogger<TriageNotifier> logger)
{
    /// <summary>The account's configured notification settings, or null when the account has none for this event.</summary>
    public NotificationsOptions? Wanted(string account, params string[] events)
    {
        var settings = options.CurrentValue.Accounts.FirstOrDefault(a => a.Name == account)?.Notifications;
        return settings is not null && events.Any(settings.Events.Contains) ? settings : null;
    }

    /// <returns>How many deliveries and emails were queued (0: nothing to save).</returns>
    public async Task<int> AddAsync(TriageNotice notice, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var queued = await publisher.EnqueueAsync(db, notice.WebhookEvent, notice.Data, cancellationToken);
        var email = options.CurrentValue.Notifications.Email;
        if (!email.Enabled || users.Count == 0)
        {
            return queued;
        }
        foreach (var address in await AddressesAsync(notice.Account, users, cancellationToken))
        {
            jobs.Enqueue(db, NotificationEmailJob.JobKind, new NotificationEmailJob.Payload(address, notice.Subject, notice.Text));
            queued++;
        }
        return queued;
    }

    /// <summary>The users' Parley email addresses; a user without one (or unknown) is skipped and logged by name.</summary>
    private async Task<IReadOnlyList<string>> AddressesAsync(string account, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var names = users.Select(AccountService.NormalizeUsername).Distinct().ToList();
        var found = await core.Users.AsNoTracking()
            .Where(u => names.Contains(u.Username))
            .Select(u => new { u.Username, u.Email })
            .ToDictionaryAsync(u => u.Username, u => u.Email, cancellationToken);
        var addresses = new List<string>();
        foreach (var name in names)
        {
            if (found.GetValueOrDefault(name) is { Length: > 0 } address)
            {
                addresses.Add(address);
            }
            else
            {
                LogNoAddress(account, name);
            }
        }
        return addresses.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Triage notification for account {Account}: user '{User}' has no email address in Parley (or does not exist); not emailed")]
    private partial void LogNoAddress(string account, string user);
}
