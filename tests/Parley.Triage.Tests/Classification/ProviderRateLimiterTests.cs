using Parley.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Parley.Triage.Classification.Llm;

namespace Parley.Triage.Tests.Classification;

/// <summary>The limiter on a test clock: turns are spaced 60/rpm apart and a 429's pause holds every caller.</summary>
public sealed class ProviderRateLimiterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Turns_are_spaced_sixty_seconds_over_rpm_apart_and_waited_for_not_refused()
    {
        var time = new FakeTimeProvider();
        var limiter = new ProviderRateLimiter(time, requestsPerMinute: 60);

        await limiter.WaitTurnAsync(CancellationToken.None).WaitAsync(Deadline);
        var second = limiter.WaitTurnAsync(CancellationToken.None);
        var third = limiter.WaitTurnAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(Deadline);
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        // The third waiter reads the clock and then starts its delay on another thread: when the advance falls between
        // the two, its delay begins after it and needs the clock moved on again (a test-clock race, not a limiter one).
        await Eventually.Until(() =>
        {
            if (third.IsCompleted)
            {
                return true;
            }
            time.Advance(TimeSpan.FromMilliseconds(100));
            return false;
        }, Deadline, "the third turn after its spacing");
        await third;
    }

    [Fact]
    public async Task A_pause_after_a_429_holds_the_next_turn_until_it_ends()
    {
        var time = new FakeTimeProvider();
        var limiter = new ProviderRateLimiter(time, requestsPerMinute: null);
        await limiter.WaitTurnAsync(CancellationToken.None).WaitAsync(Deadline);

        limiter.PauseUntil(time.GetUtcNow() + TimeSpan.FromSeconds(30));
        var next = limiter.WaitTurnAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(Deadline);
    }

    [Fact]
    public void Providers_share_a_limiter_by_name()
    {
        var limiters = new ProviderRateLimiters(TimeProvider.System);
        var a = new Parley.Triage.Classification.LlmProviderSettings("a", Parley.Triage.Classification.LlmProviderKind.OpenAiCompatible,
            new Uri("http://127.0.0.1:1/v1"), null, "m", RateLimitRpm: 60);
        Assert.Same(limiters.For(a), limiters.For(a with { DefaultModel = "other" }));
        Assert.NotSame(limiters.For(a), limiters.For(a with { Name = "b" }));
        Assert.Equal(TimeSpan.FromSeconds(1), limiters.For(a).Spacing);
    }
}
