using System.Text.Json;

namespace Parley.Chat.Polls;

/// <summary>
/// A poll as clients see it: the options, vote totals per option, the viewer's own choices
/// (<see cref="MyVotes"/>, null in events, which go to everyone) and, unless the poll is anonymous,
/// who chose each option.
/// </summary>
public sealed record PollView(
    Guid Id, Guid ChannelId, Guid CreatedBy, string Question, List<string> Options, bool MultiSelect, bool Anonymous,
    bool Closed, DateTime? ExpiresAt, DateTime CreatedAt, List<int> Totals, List<int>? MyVotes, List<List<Guid>>? Voters)
{
    /// <summary><paramref name="viewer"/> null leaves <see cref="MyVotes"/> out (an event's copy).</summary>
    internal static PollView From(Poll poll, IReadOnlyCollection<PollVote> votes, Guid? viewer, DateTime now)
    {
        var options = ReadOptions(poll);
        var totals = options.Select((_, i) => votes.Count(v => v.OptionIndex == i)).ToList();
        var voters = poll.Anonymous
            ? null
            : options.Select((_, i) => votes.Where(v => v.OptionIndex == i).OrderBy(v => v.CreatedAt).Select(v => v.UserId).ToList()).ToList();
        var mine = viewer is { } me ? votes.Where(v => v.UserId == me).Select(v => v.OptionIndex).Order().ToList() : null;
        return new PollView(poll.Id, poll.ChannelId, poll.CreatedBy, poll.Question, options, poll.MultiSelect, poll.Anonymous,
            !PollRules.IsOpen(poll, now), poll.ExpiresAt, poll.CreatedAt, totals, mine, voters);
    }

    internal static List<string> ReadOptions(Poll poll) => JsonSerializer.Deserialize<List<string>>(poll.Options) ?? [];
}

/// <summary>A new poll: 2–10 options, optionally multi-select, anonymous, and closing by itself at <see cref="ExpiresAt"/>.</summary>
public sealed record CreatePollRequest(string? Question, List<string>? Options, bool? MultiSelect, bool? Anonymous, DateTime? ExpiresAt);

/// <summary>The caller's whole vote: replaces any earlier one.</summary>
public sealed record VoteRequest(List<int>? OptionIndexes);
