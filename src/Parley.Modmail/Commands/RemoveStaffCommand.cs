using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>remove_staff &lt;user&gt;</c>: see <see cref="TicketStaffAccess"/>.</summary>
internal sealed class RemoveStaffCommand(TicketStaffAccess staffAccess, UserResolver users, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["remove_staff", "rems"];

    public string Usage => "remove_staff <user> — take back what add_staff gave";

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
        var refusal = await staffAccess.RemoveAsync(context.Ticket!.Id, context.Staff, person, cancellationToken);
        await (refusal is not null
            ? answers.RefuseAsync(context, refusal, cancellationToken)
            : answers.SayAsync(context, $"➖ {context.Staff.Name} removed {person.Name} from this ticket.", cancellationToken));
    }
}
