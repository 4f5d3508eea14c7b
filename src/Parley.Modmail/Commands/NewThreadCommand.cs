using Parley.Modmail.Staff;

namespace Parley.Modmail.Commands;

/// <summary>
/// <c>new_thread &lt;user&gt;</c>: opens a ticket to a member (Rustmail's way for staff to start a conversation).
/// Opening a ticket belongs to the engine (<c>MemberMessages</c>), which has no staff-side opening yet: for now the
/// command names the user it would write to and says it is not available. The integrator points it at the engine's
/// opening once merged.
/// </summary>
internal sealed class NewThreadCommand(UserResolver users, StaffRoster roster, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["new_thread", "nt", "contact"];

    public string Usage => "new_thread <user> — open a ticket to a member";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await roster.IsStaffAsync(context.Desk, context.Staff.UserId, cancellationToken))
        {
            await answers.RefuseAsync(context, "Only the desk's staff can do that.", cancellationToken);
            return;
        }
        var argument = CommandArguments.Parse(context.Arguments).First;
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
        await answers.RefuseAsync(context, $"new_thread is not available yet: {user.Name} has to write to the support bot first.", cancellationToken);
    }
}
