using Parley.Modmail.Commands;

namespace Parley.Modmail.Tests.Commands;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("1d12h", 36 * 3600)]
    [InlineData("2w", 14 * 86400)]
    [InlineData("1h30m15s", 5415)]
    [InlineData("1D", 86400)]
    public void Rustmail_durations_parse(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("h")]
    [InlineData("1x")]
    [InlineData("12h1d")]
    [InlineData("1h1h")]
    [InlineData("0m")]
    [InlineData("400d")]
    [InlineData("-1h")]
    [InlineData("1 h")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }
}
