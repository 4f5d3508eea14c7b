using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>move_thread &lt;category&gt;</c>: see <see cref="TicketMoves"/>.</summary>
internal sealed class MoveThreadCommand(TicketMoves moves, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["move_thread", "mv", "move"];

    public string Usage => "move_thread <category> — move the ticket to another category; staff without its permissions lose sight of it";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await answers.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var name = CommandArguments.Parse(context.Arguments).All;
        if (name.Length == 0)
        {
            await answers.UsageAsync(context, this, cancellationToken);
            return;
        }
        var (category, refusal) = await moves.MoveAsync(context.Ticket!.Id, context.Staff, name, cancellationToken);
        await (refusal is not null
            ? answers.RefuseAsync(context, refusal, cancellationToken)
            : answers.SayAsync(context, $"📁 {context.Staff.Name} moved this ticket to {category!.Name}.", cancellationToken));
    }
}
