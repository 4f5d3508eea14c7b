using System.Collections.Concurrent;

namespace Parley.Triage.Classification.Llm;

/// <summary>
/// One provider's <c>rate_limit_rpm</c>: requests start at least 60/rpm seconds apart, and after a 429 none starts
/// before its Retry-After has passed. Callers wait their turn (in arrival order) instead of being refused — the email
/// is not failed for being one of a burst.
/// </summary>
public sealed class ProviderRateLimiter(TimeProvider time, int? requestsPerMinute)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _pauseLock = new();
    private DateTimeOffset _nextStart = DateTimeOffset.MinValue;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public TimeSpan Spacing { get; } = requestsPerMinute is > 0 ? TimeSpan.FromMinutes(1) / requestsPerMinute.Value : TimeSpan.Zero;

    /// <summary>Waits until this caller may send one request.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                DateTimeOffset pausedUntil;
                lock (_pauseLock) pausedUntil = _pausedUntil;
                var start = _nextStart > pausedUntil ? _nextStart : pausedUntil;
                var wait = start - time.GetUtcNow();
                if (wait <= TimeSpan.Zero) break;
                await Task.Delay(wait, time, cancellationToken);
            }
            _nextStart = time.GetUtcNow() + Spacing;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>A 429 said to wait: no request of this provider starts before <paramref name="until"/>.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_pauseLock)
            if (until > _pausedUntil) _pausedUntil = until;
    }
}

/// <summary>The limiter of each provider, by name, shared by every account that uses it.</summary>
public sealed class ProviderRateLimiters(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Name, int? Rpm), ProviderRateLimiter> _limiters = new();

    public ProviderRateLimiter For(LlmProviderSettings provider) =>
        _limiters.GetOrAdd((provider.Name, provider.RateLimitRpm), key => new ProviderRateLimiter(time, key.Rpm));
}
