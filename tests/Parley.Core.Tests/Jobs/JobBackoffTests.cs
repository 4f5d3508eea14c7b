using Parley.Core.Jobs;

namespace Parley.Core.Tests.Jobs;

public sealed class JobBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(6, 160)]
    public void The_delay_doubles_with_each_attempt_within_twenty_percent(int attempt, double nominalSeconds)
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var delay = JobBackoff.Delay(attempt, Base, Max, random).TotalSeconds;
            Assert.InRange(delay, nominalSeconds * 0.8, nominalSeconds * 1.2);
        }
    }

    [Fact]
    public void The_delay_never_exceeds_the_cap_however_many_attempts()
    {
        // From attempt 11 on, 5 s doubled passes the one-hour cap.
        var random = new Random(7);
        Assert.All(Enumerable.Range(11, 1000), attempt => Assert.InRange(JobBackoff.Delay(attempt, Base, Max, random), Max * 0.8, Max));
    }

    [Fact]
    public void Jitter_spreads_jobs_that_failed_together()
    {
        var random = new Random(1);
        var delays = Enumerable.Range(0, 50).Select(_ => JobBackoff.Delay(3, Base, Max, random)).Distinct().Count();
        Assert.True(delays > 40);
    }
}
