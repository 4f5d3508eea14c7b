using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Storage;

namespace Parley.Core.Jobs;

/// <summary>
/// Work that runs every <see cref="Interval"/> (audit retention, job cleanup), registered with
/// <see cref="JobsRegistration.AddRecurringJob{THandler}"/>. Its occurrences are ordinary jobs in
/// Core's outbox, due on the interval's boundaries (daily at 00:00 UTC, hourly on the hour).
/// </summary>
public sealed record RecurringJob(string Kind, TimeSpan Interval)
{
    /// <summary>The first boundary strictly after <paramref name="now"/>.</summary>
    public DateTime NextRunAfter(DateTime now) =>
        new(((now.Ticks / Interval.Ticks) + 1) * Interval.Ticks, DateTimeKind.Utc);

    /// <summary>
    /// The id of the occurrence due at <paramref name="dueAt"/>. Every node derives the same id,
    /// so two nodes scheduling the same occurrence collide on the primary key instead of running it twice.
    /// </summary>
    public Guid OccurrenceId(DateTime dueAt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Kind}@{dueAt.Ticks}")));
        var bytes = hash.AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // RFC 9562 version 8: name-based, custom.
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Makes sure one pending or running occurrence exists; true when this call added it.</summary>
    internal async Task<bool> EnsureScheduledAsync(ModuleDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var scheduled = await db.Jobs.AnyAsync(j => j.Kind == Kind && (j.State == JobStates.Pending || j.State == JobStates.Running), cancellationToken);
        if (scheduled)
        {
            return false;
        }
        var dueAt = NextRunAfter(now);
        db.Jobs.Add(new Job { Id = OccurrenceId(dueAt), Kind = Kind, DueAt = dueAt, CreatedAt = now, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node scheduled the same occurrence first.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
