using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>release [--force]</c>: see <see cref="TicketAssignment"/>.</summary>
internal sealed class ReleaseCommand(TicketAssignment assignment, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["release", "unclaim"];

    public string Usage => "release [-f|--force] — give the ticket back; releasing someone else's needs --force";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await answers.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var force = CommandArguments.Parse(context.Arguments).HasFlag("-f", "--force");
        var refusal = await assignment.ReleaseAsync(context.Ticket!.Id, context.Staff, force, cancellationToken);
        await (refusal is not null
            ? answers.RefuseAsync(context, refusal, cancellationToken)
            : answers.SayAsync(context, $"📌 {context.Staff.Name} released this ticket.", cancellationToken));
    }
}
