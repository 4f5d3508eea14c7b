using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>take [--force]</c>: see <see cref="TicketAssignment"/>.</summary>
internal sealed class TakeCommand(TicketAssignment assignment, CommandNotices answers) : AssignmentCommand(answers)
{
    public override IReadOnlyList<string> Names { get; } = ["take", "claim"];

    public override string Usage => "take [-f|--force] — take the ticket; taking it from someone else needs --force";

    protected override async Task RunAsync(CommandContext context, bool force, CancellationToken cancellationToken)
    {
        var (previous, refusal) = await assignment.TakeAsync(context.Ticket!.Id, context.Staff, force, cancellationToken);
        if (refusal is not null)
        {
            // The holder is mentioned: they learn someone wants the ticket.
            var holder = Guid.TryParse(previous, out var holderId) ? (IReadOnlyList<Guid>)[holderId] : [];
            await Answers.SayAsync(context, "⚠ " + refusal.Detail, holder, cancellationToken);
            return;
        }
        await Answers.SayAsync(context, previous is null
            ? $"📌 {context.Staff.Name} took this ticket."
            : $"📌 {context.Staff.Name} took this ticket over.", cancellationToken);
    }
}
