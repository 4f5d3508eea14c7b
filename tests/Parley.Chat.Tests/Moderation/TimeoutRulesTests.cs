using Parley.Chat.Moderation;

namespace Parley.Chat.Tests.Moderation;

public sealed class TimeoutRulesTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(60, true)]
    [InlineData(30 * 24 * 3600, true)]
    [InlineData(59, false)]
    [InlineData((30 * 24 * 3600) + 1, false)]
    [InlineData(0, false)]
    public void A_timeout_lasts_from_sixty_seconds_to_thirty_days(int seconds, bool valid) =>
        Assert.Equal(valid, TimeoutRules.IsValidDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_timeout_expires_its_duration_after_it_was_issued() =>
        Assert.Equal(Now.AddMinutes(10), TimeoutRules.ExpiresAt(Now, TimeSpan.FromMinutes(10)));

    [Fact]
    public void An_out_of_range_duration_has_no_expiry() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeoutRules.ExpiresAt(Now, TimeSpan.FromSeconds(1)));

    [Fact]
    public void A_timeout_is_active_until_its_expiry()
    {
        var timeout = new UserTimeout { ExpiresAt = Now.AddMinutes(1) };
        Assert.True(TimeoutRules.IsActive(timeout, Now));
        Assert.False(TimeoutRules.IsActive(timeout, Now.AddMinutes(1)));
    }
}
