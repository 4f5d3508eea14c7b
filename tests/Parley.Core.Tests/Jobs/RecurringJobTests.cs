using Parley.Core.Jobs;

namespace Parley.Core.Tests.Jobs;

public sealed class RecurringJobTests
{
    [Fact]
    public void A_daily_job_next_runs_at_the_following_midnight_utc()
    {
        var daily = new RecurringJob("audit.retention", TimeSpan.FromDays(1));
        Assert.Equal(new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), daily.NextRunAfter(new DateTime(2026, 11, 23, 12, 30, 0, DateTimeKind.Utc)));
        // Exactly on a boundary, the next run is the one after: the current one is running now.
        Assert.Equal(new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc), daily.NextRunAfter(new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Every_node_derives_the_same_id_for_the_same_occurrence_and_a_new_one_for_the_next()
    {
        var hourly = new RecurringJob("jobs.cleanup", TimeSpan.FromHours(1));
        var at = new DateTime(2026, 11, 23, 13, 0, 0, DateTimeKind.Utc);

        Assert.Equal(hourly.OccurrenceId(at), new RecurringJob("jobs.cleanup", TimeSpan.FromHours(1)).OccurrenceId(at));
        Assert.NotEqual(hourly.OccurrenceId(at), hourly.OccurrenceId(at.AddHours(1)));
        Assert.NotEqual(hourly.OccurrenceId(at), new RecurringJob("audit.retention", TimeSpan.FromHours(1)).OccurrenceId(at));
        Assert.Equal(8, hourly.OccurrenceId(at).Version);
    }
}
