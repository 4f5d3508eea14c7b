using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary>
/// <c>take</c> and <c>release</c> (<see cref="TicketAssignment"/>): in a ticket, with <c>-f</c>/<c>--force</c> for
/// someone else's.
/// </summary>
internal abstract class AssignmentCommand(CommandNotices answers) : ITicketCommand
{
    public abstract IReadOnlyList<string> Names { get; }

    public abstract string Usage { get; }

    protected CommandNotices Answers => answers;

    protected abstract Task RunAsync(CommandContext context, bool force, CancellationToken cancellationToken);

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (await answers.RequireTicketAsync(context, cancellationToken))
        {
            await RunAsync(context, CommandArguments.Parse(context.Arguments).HasFlag("-f", "--force"), cancellationToken);
        }
    }
}
