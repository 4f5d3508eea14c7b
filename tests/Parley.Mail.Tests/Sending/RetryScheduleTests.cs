using Microsoft.Extensions.Options;
using Parley.Mail.Outbound;

namespace Parley.Mail.Tests.Sending;

public sealed class RetryScheduleTests
{
    [Fact]
    public void The_default_schedule_spreads_retries_over_hours()
    {
        var schedule = RetrySchedule.Parse(new OutboundOptions().RetrySchedule);

        Assert.Equal(9, schedule.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(1), schedule.After(1));
        Assert.Equal(TimeSpan.FromHours(8), schedule.After(8));
        Assert.Null(schedule.After(9));
        Assert.Equal(TimeSpan.FromMinutes(1 + 5 + 15 + 30) + TimeSpan.FromHours(1 + 2 + 4 + 8), schedule.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("m")]
    [InlineData("0s")]
    [InlineData("-1m")]
    [InlineData("1.5h")]
    public void Bad_schedules_fail_start_up(string schedule)
    {
        var options = new MailOptions();
        options.Outbound.RetrySchedule = schedule;

        var result = new OutboundOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Mail:Outbound:RetrySchedule", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_outbound_settings_fail_start_up()
    {
        var options = new MailOptions();
        options.Outbound.MaxRecipients = 0;
        options.Outbound.DkimSelector = "Not A Label";
        options.Outbound.Relay.Security = "Sometimes";

        var result = new OutboundOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("MaxRecipients", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("DkimSelector", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Security", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new OutboundOptionsValidator().Validate(null, new MailOptions()).Succeeded);
    }
}
