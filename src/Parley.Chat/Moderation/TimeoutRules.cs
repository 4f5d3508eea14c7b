namespace Parley.Chat.Moderation;

/// <summary>A timeout lasts from one minute to thirty days, and is over at its expiry.</summary>
public static class TimeoutRules
{
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    public static bool IsValidDuration(TimeSpan duration) =>
        duration >= MinDuration && duration <= MaxDuration;

    /// <summary>When a timeout of <paramref name="duration"/> issued at <paramref name="now"/> ends; the duration must be valid.</summary>
    public static DateTime ExpiresAt(DateTime now, TimeSpan duration)
    {
        if (!IsValidDuration(duration))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A timeout lasts from 60 seconds to 30 days.");
        }
        return now + duration;
    }

    public static bool IsActive(UserTimeout timeout, DateTime now) => now < timeout.ExpiresAt;
}
