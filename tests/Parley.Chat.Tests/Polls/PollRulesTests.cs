using Parley.Chat.Polls;

namespace Parley.Chat.Tests.Polls;

public sealed class PollRulesTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static string[] OptionsOf(int count) =>
        Enumerable.Range(1, count).Select(i => "option " + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void Two_to_ten_options_are_accepted(int count) =>
        Assert.Empty(PollRules.Check("Q?", OptionsOf(count), null, Now));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(11)]
    public void Fewer_than_two_or_more_than_ten_options_are_refused(int count) =>
        Assert.Equal(["options"], PollRules.Check("Q?", OptionsOf(count), null, Now).Keys);

    [Fact]
    public void Blank_or_repeated_options_are_refused()
    {
        Assert.Equal(["options"], PollRules.Check("Q?", ["a", " "], null, Now).Keys);
        Assert.Equal(["options"], PollRules.Check("Q?", ["Yes", "yes "], null, Now).Keys);
    }

    [Fact]
    public void A_poll_needs_a_question() =>
        Assert.Equal(["question"], PollRules.Check(" ", OptionsOf(2), null, Now).Keys);

    [Fact]
    public void An_expiry_must_be_in_the_future()
    {
        Assert.Empty(PollRules.Check("Q?", OptionsOf(2), Now.AddHours(1), Now));
        Assert.Equal(["expires_at"], PollRules.Check("Q?", OptionsOf(2), Now, Now).Keys);
    }

    [Fact]
    public void A_poll_is_open_until_it_expires_or_is_closed()
    {
        var poll = new Poll { Question = "Q?", Options = "[]", ExpiresAt = Now.AddMinutes(1) };
        Assert.True(PollRules.IsOpen(poll, Now));
        Assert.False(PollRules.IsOpen(poll, Now.AddMinutes(1)));

        poll.ExpiresAt = null;
        Assert.True(PollRules.IsOpen(poll, Now.AddYears(1)));
        poll.Closed = true;
        Assert.False(PollRules.IsOpen(poll, Now));
    }

    [Fact]
    public void A_single_choice_vote_names_exactly_one_existing_option()
    {
        Assert.True(PollRules.IsValidVote(3, multiSelect: false, [2]));
        Assert.False(PollRules.IsValidVote(3, multiSelect: false, [0, 1]));
        Assert.False(PollRules.IsValidVote(3, multiSelect: false, [3]));
        Assert.False(PollRules.IsValidVote(3, multiSelect: false, [-1]));
        Assert.False(PollRules.IsValidVote(3, multiSelect: false, []));
    }

    [Fact]
    public void A_multi_select_vote_names_several_options_each_once()
    {
        Assert.True(PollRules.IsValidVote(3, multiSelect: true, [0, 2]));
        Assert.False(PollRules.IsValidVote(3, multiSelect: true, [1, 1]));
    }
}
