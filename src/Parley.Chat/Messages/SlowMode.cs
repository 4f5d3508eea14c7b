namespace Parley.Chat.Messages;

/// <summary>A channel's slow mode: a member waits this many seconds between messages.</summary>
public static class SlowMode
{
    /// <summary>How long the sender must still wait; <see cref="TimeSpan.Zero"/> when they may send now.</summary>
    public static TimeSpan Remaining(DateTime? lastSentAt, int slowModeSeconds, DateTime now)
    {
        if (lastSentAt is null || slowModeSeconds <= 0)
        {
            return TimeSpan.Zero;
        }
        var remaining = lastSentAt.Value.AddSeconds(slowModeSeconds) - now;
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    public static bool CanSend(DateTime? lastSentAt, int slowModeSeconds, DateTime now) =>
        Remaining(lastSentAt, slowModeSeconds, now) == TimeSpan.Zero;
}
