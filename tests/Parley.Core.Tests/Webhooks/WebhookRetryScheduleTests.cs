using Microsoft.Extensions.Options;
using Parley.Core.Webhooks;

namespace Parley.Core.Tests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    [Fact]
    public void The_default_schedule_reads_as_six_growing_delays()
    {
        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24)],
            WebhookRetrySchedule.Parse(new WebhooksOptions().RetrySchedule));
    }

    [Fact]
    public void Milliseconds_and_days_are_understood()
    {
        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromDays(1)], WebhookRetrySchedule.Parse("250ms,1d"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("30 s")]
    [InlineData("5w")]
    [InlineData("1s,,2s")]
    [InlineData("-1s")]
    public void A_malformed_schedule_is_a_configuration_problem(string schedule)
    {
        var result = new WebhooksOptionsValidator().Validate(null, new WebhooksOptions { RetrySchedule = schedule });
        Assert.True(result.Failed);
        Assert.Contains("Webhooks:RetrySchedule", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabling_before_warning_is_a_configuration_problem()
    {
        var result = new WebhooksOptionsValidator().Validate(null, new WebhooksOptions { WarningAfterFailures = 5, DisableAfterFailures = 3 });
        Assert.Contains("Webhooks:DisableAfterFailures", result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(ValidateOptionsResult.Success, new WebhooksOptionsValidator().Validate(null, new WebhooksOptions()));
    }
}
