namespace Parley.Chat.ScheduledMessages;

/// <summary>A message may be scheduled for a time in the future, at most <see cref="MaxAhead"/> away.</summary>
public static class ScheduledMessageRules
{
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(30);

    /// <summary>Null when <paramref name="scheduledFor"/> is acceptable, otherwise why not.</summary>
    public static string? Check(DateTime scheduledFor, DateTime now)
    {
        if (scheduledFor <= now)
        {
            return "Must be in the future.";
        }
        if (scheduledFor - now > MaxAhead)
        {
            return "At most 30 days ahead.";
        }
        return null;
    }
}
