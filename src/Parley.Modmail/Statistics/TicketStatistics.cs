using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Parley.Core.Storage;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Statistics;

/// <summary>The panel's dashboard for one desk, as of <see cref="Now"/> (UTC; weeks start on Monday).</summary>
internal sealed record DeskStatistics(
    DateTime Now,
    int Days,
    int OpenTickets,
    int ClosedToday,
    int ClosedThisWeek,
    int ClosedTotal,
    double? AverageFirstResponseSeconds,
    double? AverageResolutionSeconds,
    IReadOnlyList<DailyCount> Daily,
    IReadOnlyList<CategoryCount> ByCategory,
    IReadOnlyList<StaffPerformance> Leaderboard);

/// <summary>One UTC day of the series: tickets opened and closed that day.</summary>
internal sealed record DailyCount(string Date, int Created, int Closed);

/// <summary>Tickets (open and closed) created in the period, by category; a null category is "no category".</summary>
internal sealed record CategoryCount(string? CategoryId, string? CategoryName, int Tickets);

/// <summary>A staff member's numbered replies and closes in the period.</summary>
internal sealed record StaffPerformance(string UserId, string? Username, int Replies, int Closes);

/// <summary>
/// Counts and averages over <c>threads</c> and <c>thread_messages</c>, aggregated in the database (one GROUP BY per
/// figure). "Now" is passed in, so the figures are a function of the rows and that instant. Day buckets and time
/// differences need each provider's date functions, so those few queries are SQL written for SQLite and PostgreSQL;
/// table and column names come from the model.
/// </summary>
internal sealed class TicketStatistics(ModmailDbContext db, CoreDbContext core)
{
    public static readonly IReadOnlyList<int> Periods = [7, 30, 90];

    public async Task<DeskStatistics> ComputeAsync(Guid deskId, int days, DateTime now, CancellationToken cancellationToken)
    {
        var today = now.Date;
        var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var from = today.AddDays(-(days - 1));
        var tickets = db.Tickets.AsNoTracking().Where(t => t.DeskId == deskId);

        var open = await tickets.CountAsync(t => t.Status == TicketStatus.Open, cancellationToken);
        var closed = tickets.Where(t => t.Status == TicketStatus.Closed && t.ClosedAt != null);
        var closedTotal = await closed.CountAsync(cancellationToken);
        var closedToday = await closed.CountAsync(t => t.ClosedAt >= today, cancellationToken);
        var closedThisWeek = await closed.CountAsync(t => t.ClosedAt >= weekStart, cancellationToken);

        var firstResponse = await AverageSecondsAsync(deskId, "first_response_at", cancellationToken);
        var resolution = await AverageSecondsAsync(deskId, "closed_at", cancellationToken);

        var created = await PerDayAsync(deskId, "created_at", from, cancellationToken);
        var closedPerDay = await PerDayAsync(deskId, "closed_at", from, cancellationToken);
        var daily = Enumerable.Range(0, days)
            .Select(i => from.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Select(d => new DailyCount(d, created.GetValueOrDefault(d), closedPerDay.GetValueOrDefault(d)))
            .ToList();

        var byCategory = await tickets.Where(t => t.CreatedAt >= from)
            .GroupBy(t => new { t.CategoryId, t.CategoryName })
            .Select(g => new CategoryCount(g.Key.CategoryId, g.Key.CategoryName, g.Count()))
            .ToListAsync(cancellationToken);

        var replies = await db.TicketMessages.AsNoTracking()
            .Where(m => m.Kind == TicketMessageKinds.Staff && m.CreatedAt >= from)
            .Join(tickets, m => m.ThreadId, t => t.Id, (m, t) => m.UserId)
            .GroupBy(u => u)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var closes = await closed.Where(t => t.ClosedAt >= from && t.ClosedBy != null && t.ClosedBy != "system")
            .GroupBy(t => t.ClosedBy!)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var staff = replies.Select(r => r.UserId).Union(closes.Select(c => c.UserId)).ToList();
        var ids = staff.Select(s => Guid.TryParse(s, CultureInfo.InvariantCulture, out var id) ? id : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        var names = await core.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString("D"), u => u.Username, cancellationToken);
        var leaderboard = staff
            .Select(s => new StaffPerformance(s, names.GetValueOrDefault(s),
                replies.FirstOrDefault(r => r.UserId == s)?.Count ?? 0, closes.FirstOrDefault(c => c.UserId == s)?.Count ?? 0))
            .OrderByDescending(p => p.Replies + p.Closes).ThenBy(p => p.UserId, StringComparer.Ordinal)
            .Take(25)
            .ToList();

        return new DeskStatistics(now, days, open, closedToday, closedThisWeek, closedTotal, firstResponse, resolution, daily,
            byCategory.OrderByDescending(c => c.Tickets).ThenBy(c => c.CategoryName, StringComparer.Ordinal).ToList(), leaderboard);
    }

    /// <summary>The mean of <paramref name="column"/> − created_at over the desk's tickets that have it, in seconds.</summary>
    private async Task<double?> AverageSecondsAsync(Guid deskId, string column, CancellationToken cancellationToken)
    {
        var difference = db.IsPostgres
            ? $"EXTRACT(EPOCH FROM ({column} - created_at))"
            : $"(julianday({column}) - julianday(created_at)) * 86400.0";
        var sql = $"SELECT AVG(CAST({difference} AS DOUBLE PRECISION)) AS \"Value\" FROM {Threads()} WHERE desk_id = {{0}} AND {column} IS NOT NULL";
        var rows = await db.Database.SqlQueryRaw<AverageRow>(sql, DeskParameter(deskId)).ToListAsync(cancellationToken);
        return rows.Count == 0 || rows[0].Value is null ? null : Math.Round(rows[0].Value!.Value, 1);
    }

    /// <summary>Tickets per UTC day of <paramref name="column"/> from <paramref name="from"/> on, keyed <c>yyyy-MM-dd</c>.</summary>
    private async Task<Dictionary<string, int>> PerDayAsync(Guid deskId, string column, DateTime from, CancellationToken cancellationToken)
    {
        var day = db.IsPostgres ? $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : $"date({column})";
        var sql = $"SELECT {day} AS \"Day\", COUNT(*) AS \"Count\" FROM {Threads()} WHERE desk_id = {{0}} AND {column} >= {{1}} GROUP BY {day}";
        object since = db.IsPostgres ? from : from.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var rows = await db.Database.SqlQueryRaw<DayRow>(sql, DeskParameter(deskId), since).ToListAsync(cancellationToken);
        return rows.Where(r => r.Day is not null).ToDictionary(r => r.Day!, r => (int)r.Count, StringComparer.Ordinal);
    }

    /// <summary>EF stores a GUID as upper-case text on SQLite and as uuid on PostgreSQL; a raw parameter must match.</summary>
    private object DeskParameter(Guid deskId) => db.IsPostgres ? deskId : deskId.ToString("D").ToUpperInvariant();

    private string Threads()
    {
        var entity = db.Model.FindEntityType(typeof(Ticket))!;
        return db.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
    }

    private sealed class AverageRow
    {
        public double? Value { get; set; }
    }

    private sealed class DayRow
    {
        public string? Day { get; set; }
        public long Count { get; set; }
    }
}
