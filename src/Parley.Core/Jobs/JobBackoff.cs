namespace Parley.Core.Jobs;

/// <summary>
/// Delay before retrying a failed job: exponential from a base, capped, with ±20% jitter so
/// jobs that failed together (an outage) do not all come back in the same instant.
/// </summary>
public static class JobBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 40);
        var seconds = Math.Min(baseDelay.TotalSeconds * Math.Pow(2, exponent), maxDelay.TotalSeconds);
        var jittered = seconds * (0.8 + (0.4 * random.NextDouble()));
        return TimeSpan.FromSeconds(Math.Min(jittered, maxDelay.TotalSeconds));
    }
}
