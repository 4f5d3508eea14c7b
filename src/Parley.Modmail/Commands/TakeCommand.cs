using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>take [--force]</c>: see <see cref="TicketAssignment"/>.</summary>
internal sealed class TakeCommand(TicketAssignment assignment, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["take", "claim"];

    public string Usage => "take [-f|--force] — take the ticket; taking it from someone else needs --force";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await answers.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var force = CommandArguments.Parse(context.Arguments).HasFlag("-f", "--force");
        var (previous, refusal) = await assignment.TakeAsync(context.Ticket!.Id, context.Staff, force, cancellationToken);
        if (refusal is not null)
        {
            var holder = Guid.TryParse(previous, out var holderId) ? (IReadOnlyList<Guid>)[holderId] : [];
            await answers.SayAsync(context, "⚠ " + refusal.Detail, holder, cancellationToken);
            return;
        }
        await answers.SayAsync(context, previous is null
            ? $"📌 {context.Staff.Name} took this ticket."
            : $"📌 {context.Staff.Name} took this ticket over.", cancellationToken);
    }
}
