using Parley.Chat.Messages;

namespace Parley.Chat.Tests.Messages;

public sealed class MentionParserTests
{
    [Fact]
    public void Usernames_are_found_once_each_in_order_and_lower_case()
    {
        var mentions = MentionParser.Parse("@bob and @Alice, then @bob again");

        Assert.Equal(["bob", "alice"], mentions.Usernames);
        Assert.False(mentions.Everyone);
        Assert.False(mentions.Here);
    }

    [Fact]
    public void Everyone_and_here_are_recognised_and_are_not_usernames()
    {
        var mentions = MentionParser.Parse("@everyone look, @here too");

        Assert.Empty(mentions.Usernames);
        Assert.True(mentions.Everyone);
        Assert.True(mentions.Here);
    }

    [Fact]
    public void An_email_address_mentions_nobody() =>
        Assert.Empty(MentionParser.Parse("write to bob@example.com").Usernames);

    [Fact]
    public void A_trailing_full_stop_is_not_part_of_the_name() =>
        Assert.Equal(["carol"], MentionParser.Parse("thanks @carol.").Usernames);

    [Fact]
    public void Dots_hyphens_and_underscores_inside_a_name_are_kept() =>
        Assert.Equal(["j.doe-x_1"], MentionParser.Parse("(@j.doe-x_1)").Usernames);

    [Fact]
    public void A_word_longer_than_a_username_mentions_nobody() =>
        Assert.Empty(MentionParser.Parse("@" + new string('a', 40)).Usernames);

    [Fact]
    public void A_lone_at_sign_or_a_one_letter_name_mentions_nobody() =>
        Assert.Empty(MentionParser.Parse("@ me @x").Usernames);

    [Fact]
    public void Text_without_mentions_gives_none()
    {
        Assert.Same(Mentions.None, MentionParser.Parse(null));
        Assert.Empty(MentionParser.Parse("no one here").Usernames);
    }
}
