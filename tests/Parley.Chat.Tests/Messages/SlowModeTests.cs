using Parley.Chat.Messages;

namespace Parley.Chat.Tests.Messages;

public sealed class SlowModeTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_first_message_is_never_held_back() =>
        Assert.True(SlowMode.CanSend(null, 30, Now));

    [Fact]
    public void Without_slow_mode_a_member_may_send_at_once() =>
        Assert.True(SlowMode.CanSend(Now, 0, Now));

    [Fact]
    public void Within_the_interval_the_member_waits_the_rest_of_it()
    {
        Assert.False(SlowMode.CanSend(Now.AddSeconds(-10), 30, Now));
        Assert.Equal(TimeSpan.FromSeconds(20), SlowMode.Remaining(Now.AddSeconds(-10), 30, Now));
    }

    [Fact]
    public void Once_the_interval_has_passed_the_member_may_send()
    {
        Assert.True(SlowMode.CanSend(Now.AddSeconds(-30), 30, Now));
        Assert.Equal(TimeSpan.Zero, SlowMode.Remaining(Now.AddMinutes(-5), 30, Now));
    }
}
