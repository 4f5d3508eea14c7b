using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Jobs;
using Parley.Triage.Configuration;
using Parley.Triage.Storage;

namespace Parley.Triage.Notifications;

/// <summary>
/// <c>triage.daily_summary.check</c>, every minute: once <c>notifications.daily_summary.time</c> has passed on a day in
/// its time zone, queues that day's <see cref="DailySummaryJob"/> in Triage's outbox under an id derived from the day
/// (<see cref="OccurrenceId"/>). Every check and every node derives the same id, so a second insert — a later check, a
/// restart, another node — collides on the primary key: one summary per day. Settings are read on each check (live).
/// A server down at the time sends the day's summary when it comes back the same day.
/// </summary>
internal sealed class DailySummarySchedule(TriageDbContext db, JobQueue jobs, IOptionsMonitor<TriageOptions> options, TimeProvider time) : IJobHandler
{
    public const string JobKind = "triage.daily_summary.check";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Notifications.DailySummary;
        if (!settings.Enabled || settings.TimeOfDay() is not { } at || settings.Zone() is not { } zone)
        {
            return;
        }
        var now = time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) < at)
        {
            return;
        }
        var id = OccurrenceId(day);
        if (await db.Jobs.AnyAsync(j => j.Id == id, cancellationToken))
        {
            return;
        }
        var due = DueAt(day, at, zone);
        jobs.Enqueue(db, DailySummaryJob.JobKind, new DailySummaryJob.Payload(day, due)).Id = id;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node (or an overlapping check) queued this day's summary first.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The instant <paramref name="at"/> on <paramref name="day"/> in <paramref name="zone"/> (a time skipped by DST: an hour later).</summary>
    internal static DateTimeOffset DueAt(DateOnly day, TimeOnly at, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(at, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>The id of <paramref name="day"/>'s summary job: the same on every node and after every restart.</summary>
    internal static Guid OccurrenceId(DateOnly day)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("triage.daily_summary@" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        var bytes = hash.AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // RFC 9562 version 8: name-based, custom.
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
