using System.Globalization;
using Parley.Modmail.Blocks;
using Parley.Modmail.Staff;

namespace Parley.Modmail.Commands;

/// <summary>
/// <c>block [user] [duration]</c>: see <see cref="BlockList"/>. In a ticket channel the user defaults to the ticket's
/// member, so <c>block 1d</c> blocks them for a day (write <c>@name</c> to block a user whose name reads as a duration).
/// </summary>
internal sealed class BlockCommand(BlockList blocks, UserResolver users, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["block"];

    public string Usage => "block [user] [duration] — refuse the member's messages, for a while or until unblock; the user defaults to this ticket's member";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var words = CommandArguments.Parse(context.Arguments).Words;
        string? userWord = null, durationWord = null;
        switch (words.Count)
        {
            case 0:
                break;
            case 1 when context.Ticket is not null && !words[0].StartsWith('@') && Durations.TryParse(words[0], out _):
                durationWord = words[0];
                break;
            case 1:
                userWord = words[0];
                break;
            case 2:
                (userWord, durationWord) = (words[0], words[1]);
                break;
            default:
                await answers.UsageAsync(context, this, cancellationToken);
                return;
        }
        TimeSpan? duration = null;
        if (durationWord is not null)
        {
            if (!Durations.TryParse(durationWord, out var parsed))
            {
                await answers.RefuseAsync(context, $"\"{durationWord}\" is not a duration (like 30m, 1d12h, 2w; at most a year).", cancellationToken);
                return;
            }
            duration = parsed;
        }
        var member = await MemberArgument.ResolveAsync(context, userWord, users, answers, this, cancellationToken);
        if (member is null)
        {
            return;
        }
        var (block, refusal) = await blocks.BlockAsync(context.Desk, context.Staff, member.MemberId, member.Name, duration, cancellationToken);
        await (refusal is not null
            ? answers.RefuseAsync(context, refusal, cancellationToken)
            : answers.SayAsync(context, block!.ExpiresAt is { } until
                ? $"🚫 {member.Name} is blocked until {until.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC."
                : $"🚫 {member.Name} is blocked until unblocked.", cancellationToken));
    }
}
