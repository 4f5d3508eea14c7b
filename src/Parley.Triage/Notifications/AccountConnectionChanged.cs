namespace Parley.Triage.Notifications;

/// <summary>
/// An account's IMAP connection has been down longer than <c>notifications.connection_lost_after</c>
/// (<see cref="Lost"/>), or came back after such an outage. Published on Core's event bus by
/// <see cref="ConnectionOutageMonitor"/>, once per outage each, for notifications and account webhooks.
/// </summary>
/// <param name="DownSince">When the monitor first saw the account down.</param>
/// <param name="LastError">The watcher's last connection failure (MailKit's text, no secrets), if any.</param>
public sealed record AccountConnectionChanged(string AccountName, bool Lost, DateTimeOffset DownSince, DateTimeOffset At, string? LastError)
{
    public string EventName => Lost ? "connection_lost" : "connection_restored";
}
