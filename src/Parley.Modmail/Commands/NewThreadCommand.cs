using Parley.Modmail.Tickets;
using Parley.Modmail.Staff;

namespace Parley.Modmail.Commands;

/// <summary>
/// <c>new_thread &lt;user&gt; [category]</c>: opens a ticket to a member of the desk's community (Rustmail's way for staff
/// to start a conversation) through <see cref="MemberMessages.OpenByStaffAsync"/>, in one of the desk's enabled
/// categories when one is named (case-insensitive); the answer names the new ticket.
/// </summary>
internal sealed class NewThreadCommand(UserResolver users, StaffRoster roster, CommandNotices answers, MemberMessages tickets) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["new_thread", "nt", "contact"];

    public string Usage => "new_thread <user> [category] — open a ticket to a member, in a category if named";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await roster.IsStaffAsync(context.Desk, context.Staff.UserId, cancellationToken))
        {
            await answers.RefuseAsync(context, "Only the desk's staff can do that.", cancellationToken);
            return;
        }
        var arguments = CommandArguments.Parse(context.Arguments);
        var argument = arguments.First;
        if (argument is null)
        {
            await answers.UsageAsync(context, this, cancellationToken);
            return;
        }
        var user = await users.ResolveAsync(argument, cancellationToken);
        if (user is null || user.IsBot)
        {
            await answers.RefuseAsync(context, $"No user \"{argument}\".", cancellationToken);
            return;
        }
        var (ticketId, refusal) = await tickets.OpenByStaffAsync(
            context.Desk, user.Id, user.Name, context.Staff, arguments.Rest.Length == 0 ? null : arguments.Rest, cancellationToken);
        if (refusal is not null)
        {
            await answers.RefuseAsync(context, refusal, cancellationToken);
            return;
        }
        await answers.SayAsync(context, $"Opened ticket {ticketId} for {user.Name}.", cancellationToken);
    }
}
