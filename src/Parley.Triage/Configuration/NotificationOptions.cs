using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

/// <summary>
/// The global <c>notifications:</c> of the <c>triage:</c> section: how the accounts' notifications (each account's
/// <c>notifications.users</c> and <c>events</c>) are emailed, when a dropped IMAP connection becomes an alert, and the
/// daily summary. Mailpilot's notifier has the events and the daily summary but only a browser channel; these keys are
/// Parley's (docs/triage.md, "Notifications").
/// </summary>
public sealed class TriageNotificationOptions
{
    [ConfigurationKeyName("email")]
    public NotificationEmailOptions Email { get; set; } = new();

    /// <summary>An account's connection must be down this long before <c>connection_lost</c> (a routine reconnect is no alert).</summary>
    [ConfigurationKeyName("connection_lost_after")]
    public Duration ConnectionLostAfter { get; set; } = Duration.FromMinutes(2);

    [ConfigurationKeyName("daily_summary")]
    public DailySummaryOptions DailySummary { get; set; } = new();
}

/// <summary>
/// The email channel: notifications go to the account's <c>users</c>' Parley email addresses, from a Parley Mail inbox
/// (<see cref="FromInbox"/>) or through an SMTP relay (<see cref="Smtp"/> from <see cref="From"/>) — the shape of an
/// account's <c>forward</c>.
/// </summary>
public sealed class NotificationEmailOptions : MailRouteOptions
{
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; }
}

/// <summary>Once a day at <see cref="Time"/> in <see cref="TimeZone"/>: the last day's counts per account.</summary>
public sealed class DailySummaryOptions
{
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; }

    /// <summary><c>HH:mm</c>, 24-hour, in <see cref="TimeZone"/>.</summary>
    [ConfigurationKeyName("time")]
    public string Time { get; set; } = "08:00";

    /// <summary>An IANA time zone (<c>Europe/Berlin</c>) or <c>UTC</c>.</summary>
    [ConfigurationKeyName("time_zone")]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The parsed <see cref="Time"/>; null when it is not <c>HH:mm</c>.</summary>
    public TimeOnly? TimeOfDay() =>
        TimeOnly.TryParseExact(Time.Trim(), "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) ? t : null;

    /// <summary>The zone; null when it is unknown.</summary>
    public TimeZoneInfo? Zone() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone.Trim(), out var zone) ? zone : null;
}
