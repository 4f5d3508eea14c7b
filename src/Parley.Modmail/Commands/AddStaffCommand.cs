using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>add_staff &lt;user&gt;</c>: see <see cref="TicketStaffAccess"/>.</summary>
internal sealed class AddStaffCommand(TicketStaffAccess staffAccess, UserResolver users, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["add_staff", "adds"];

    public string Usage => "add_staff <user> — let one more staff member see this ticket, whatever its category requires";

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
        var refusal = await staffAccess.AddAsync(context.Ticket!.Id, context.Staff, person, cancellationToken);
        await (refusal is not null
            ? answers.RefuseAsync(context, refusal, cancellationToken)
            : answers.SayAsync(context, $"➕ {context.Staff.Name} added {person.Name} to this ticket.", [person.Id], cancellationToken));
    }
}
