using Microsoft.Extensions.Options;
using Parley.Triage.Configuration;

namespace Parley.Triage.DeadLetters;

/// <summary>
/// The wait before retry n of a dead letter (n = attempts so far, 1 after the first failure):
/// <c>initial_delay × multiplier^(n−1)</c>, capped at <c>max_delay</c>, then spread ±10 % when <c>jitter</c> is on. The
/// <c>retry:</c> options in force are read each time (the settings page changes them while running).
/// </summary>
internal sealed class RetryDelays(IOptionsMonitor<TriageOptions> options, Random random)
{
    private const double JitterFraction = 0.1;

    public RetryDelays(IOptionsMonitor<TriageOptions> options) : this(options, Random.Shared)
    {
    }

    /// <summary>The delay without jitter: what the policy promises, the middle of the jittered range.</summary>
    public TimeSpan Nominal(int attempts)
    {
        var retry = options.CurrentValue.Retry;
        var seconds = retry.InitialDelay.Value.TotalSeconds * Math.Pow(retry.Multiplier, Math.Max(0, attempts - 1));
        var capped = Math.Min(seconds, retry.MaxDelay.Value.TotalSeconds);
        return TimeSpan.FromSeconds(capped);
    }

    public TimeSpan Next(int attempts)
    {
        var nominal = Nominal(attempts);
        if (!options.CurrentValue.Retry.Jitter)
        {
            return nominal;
        }
        var factor = 1 + (((random.NextDouble() * 2) - 1) * JitterFraction);
        return TimeSpan.FromSeconds(nominal.TotalSeconds * factor);
    }
}
