using Parley.Chat.ScheduledMessages;

namespace Parley.Chat.Tests.ScheduledMessages;

public sealed class ScheduledMessageRulesTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_time_up_to_thirty_days_ahead_is_accepted()
    {
        Assert.Null(ScheduledMessageRules.Check(Now.AddSeconds(1), Now));
        Assert.Null(ScheduledMessageRules.Check(Now.AddDays(30), Now));
    }

    [Fact]
    public void A_time_more_than_thirty_days_ahead_is_refused() =>
        Assert.NotNull(ScheduledMessageRules.Check(Now.AddDays(30).AddSeconds(1), Now));

    [Fact]
    public void A_time_now_or_in_the_past_is_refused()
    {
        Assert.NotNull(ScheduledMessageRules.Check(Now, Now));
        Assert.NotNull(ScheduledMessageRules.Check(Now.AddMinutes(-1), Now));
    }
}
