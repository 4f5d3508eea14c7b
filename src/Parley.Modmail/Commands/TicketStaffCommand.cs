using Parley.Core.Security;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary>
/// <c>add_staff</c> and <c>remove_staff</c>: in a ticket, one user argument resolved to a person, one change through
/// <see cref="TicketStaffAccess"/>, and its answer.
/// </summary>
internal abstract class TicketStaffCommand(UserResolver users, CommandNotices answers) : ITicketCommand
{
    public abstract IReadOnlyList<string> Names { get; }

    public abstract string Usage { get; }

    protected abstract Task<Refusal?> ChangeAsync(Guid ticketId, StaffActor staff, ResolvedUser person, CancellationToken cancellationToken);

    /// <summary>What the channel is told once it is done, and whom it mentions.</summary>
    protected abstract (string Text, IReadOnlyList<Guid> Mention) Done(StaffActor staff, ResolvedUser person);

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await answers.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var argument = CommandArguments.Parse(context.Arguments).First;
        if (argument is null)
        {
            await answers.UsageAsync(context, this, cancellationToken);
            return;
        }
        var person = await users.ResolveAsync(argument, cancellationToken);
        if (person is null)
        {
            await answers.RefuseAsync(context, $"No user \"{argument}\".", cancellationToken);
            return;
        }
        var refusal = await ChangeAsync(context.Ticket!.Id, context.Staff, person, cancellationToken);
        if (refusal is not null)
        {
            await answers.RefuseAsync(context, refusal, cancellationToken);
            return;
        }
        var (text, mention) = Done(context.Staff, person);
        await answers.SayAsync(context, text, mention, cancellationToken);
    }
}
