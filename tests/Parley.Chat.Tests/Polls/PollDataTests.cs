using Microsoft.EntityFrameworkCore;
using Parley.Chat.Polls;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Polls;

public sealed class PollDataTests
{
    private static Poll NewPoll() => new()
    {
        ChannelId = ChatData.Channel,
        CreatedBy = Guid.CreateVersion7(),
        Question = "Lunch?",
        Options = """["pizza","salad"]""",
        MultiSelect = true,
        Anonymous = true,
        Closed = true,
        ExpiresAt = ChatData.T0.AddDays(1),
        CreatedAt = ChatData.T0,
    };

    [Theory, BothProviders]
    public async Task A_poll_and_a_vote_with_every_column_set_read_back_equal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var poll = NewPoll();
        await app.AddAsync(poll);
        var vote = new PollVote { PollId = poll.Id, UserId = Guid.CreateVersion7(), OptionIndex = 1, CreatedAt = ChatData.T0 };
        await app.AddAsync(vote);

        Assert.Equivalent(poll, await app.WithDbAsync(db => db.Polls.SingleAsync()), strict: true);
        Assert.Equivalent(vote, await app.WithDbAsync(db => db.PollVotes.SingleAsync()), strict: true);
    }

    [Theory, BothProviders]
    public async Task A_user_chooses_an_option_once_but_may_choose_several_options(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var poll = NewPoll();
        await app.AddAsync(poll);
        var user = Guid.CreateVersion7();

        await app.AddAsync(
            new PollVote { PollId = poll.Id, UserId = user, OptionIndex = 0, CreatedAt = ChatData.T0 },
            new PollVote { PollId = poll.Id, UserId = user, OptionIndex = 1, CreatedAt = ChatData.T0 });
        await app.AssertRejectedAsync(new PollVote { PollId = poll.Id, UserId = user, OptionIndex = 0, CreatedAt = ChatData.T0 });
        await app.AssertRejectedAsync(new PollVote { PollId = poll.Id, UserId = Guid.CreateVersion7(), OptionIndex = -1, CreatedAt = ChatData.T0 });
        await app.AssertRejectedAsync(new PollVote { PollId = Guid.CreateVersion7(), UserId = user, OptionIndex = 0, CreatedAt = ChatData.T0 });
    }

    [Theory, BothProviders]
    public async Task Deleting_a_poll_deletes_its_votes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var poll = NewPoll();
        await app.AddAsync(poll);
        await app.AddAsync(new PollVote { PollId = poll.Id, UserId = Guid.CreateVersion7(), OptionIndex = 0, CreatedAt = ChatData.T0 });

        await app.WithDbAsync(db => db.Polls.ExecuteDeleteAsync());

        Assert.Equal(0, await app.WithDbAsync(db => db.PollVotes.CountAsync()));
    }
}
