using Parley.Modmail.Blocks;
using Parley.Modmail.Staff;

namespace Parley.Modmail.Commands;

/// <summary><c>unblock [user]</c>: see <see cref="BlockList"/>; the user defaults to the ticket's member.</summary>
internal sealed class UnblockCommand(BlockList blocks, UserResolver users, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["unblock"];

    public string Usage => "unblock [user] — lift a block; the user defaults to this ticket's member";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var words = CommandArguments.Parse(context.Arguments).Words;
        if (words.Count > 1)
        {
            await answers.UsageAsync(context, this, cancellationToken);
            return;
        }
        var member = await MemberArgument.ResolveAsync(context, words.Count == 1 ? words[0] : null, users, answers, this, cancellationToken);
        if (member is null)
        {
            return;
        }
        var refusal = await blocks.UnblockAsync(context.Desk, context.Staff, member.MemberId, cancellationToken);
        await (refusal is not null
            ? answers.RefuseAsync(context, refusal, cancellationToken)
            : answers.SayAsync(context, $"✅ {member.Name} is unblocked.", cancellationToken));
    }
}
