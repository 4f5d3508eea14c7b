using Parley.Chat.Messages;

namespace Parley.Chat.Tests.Messages;

public sealed class ReactionLimitTests
{
    private static IEnumerable<string> DistinctEmoji(int count) =>
        Enumerable.Range(0, count).Select(i => "e" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_new_emoji_is_allowed_below_twenty_distinct() =>
        Assert.True(ReactionLimit.Allows(DistinctEmoji(19), "new"));

    [Fact]
    public void A_twenty_first_distinct_emoji_is_refused() =>
        Assert.False(ReactionLimit.Allows(DistinctEmoji(20), "new"));

    [Fact]
    public void Joining_an_existing_emoji_is_allowed_at_the_limit() =>
        Assert.True(ReactionLimit.Allows(DistinctEmoji(20), "e3"));

    [Fact]
    public void Many_users_on_the_same_emoji_count_once() =>
        Assert.True(ReactionLimit.Allows(Enumerable.Repeat("👍", 100).Concat(DistinctEmoji(18)), "new"));

    [Theory]
    [InlineData("👍", true)]
    [InlineData("party_parrot", true)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData(null, false)]
    public void An_emoji_is_non_blank_and_fits_the_column(string? emoji, bool valid) =>
        Assert.Equal(valid, ReactionLimit.IsValidEmoji(emoji));

    [Fact]
    public void An_emoji_longer_than_32_characters_is_invalid() =>
        Assert.False(ReactionLimit.IsValidEmoji(new string('x', 33)));
}
