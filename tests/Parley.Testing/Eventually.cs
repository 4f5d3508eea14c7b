using System.Diagnostics;

namespace Parley.Tests.Infrastructure;

/// <summary>Waits for background work by polling a condition against a deadline, never by sleeping and hoping.</summary>
public static class Eventually
{
    // Generous: a condition that holds returns at the first poll after it does, so the deadline costs nothing when a
    // test passes; 5 s was too short for background work on CI's 2 cores under a full suite (a webhook after a restart).
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test with <paramref name="because"/> when the deadline passes first.</summary>
    public static async Task Until(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > deadline)
            {
                Assert.Fail($"Condition not met within {deadline.TotalSeconds:0.#} s{(because is null ? "" : ": " + because)}.");
            }
            await Task.Delay(PollInterval);
        }
    }

    public static Task Until(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        Until(() => Task.FromResult(condition()), timeout, because);
}
