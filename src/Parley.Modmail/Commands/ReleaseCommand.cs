using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>release [--force]</c>: see <see cref="TicketAssignment"/>.</summary>
internal sealed class ReleaseCommand(TicketAssignment assignment, CommandNotices answers) : AssignmentCommand(answers)
{
    public override IReadOnlyList<string> Names { get; } = ["release", "unclaim"];

    public override string Usage => "release [-f|--force] — give the ticket back; releasing someone else's needs --force";

    protected override async Task RunAsync(CommandContext context, bool force, CancellationToken cancellationToken)
    {
        var refusal = await assignment.ReleaseAsync(context.Ticket!.Id, context.Staff, force, cancellationToken);
        await (refusal is not null
            ? Answers.RefuseAsync(context, refusal, cancellationToken)
            : Answers.SayAsync(context, $"📌 {context.Staff.Name} released this ticket.", cancellationToken));
    }
}
