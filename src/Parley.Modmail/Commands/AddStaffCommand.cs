using Parley.Core.Security;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>add_staff &lt;user&gt;</c>: see <see cref="TicketStaffAccess"/>.</summary>
internal sealed class AddStaffCommand(TicketStaffAccess staffAccess, UserResolver users, CommandNotices answers) : TicketStaffCommand(users, answers)
{
    public override IReadOnlyList<string> Names { get; } = ["add_staff", "adds"];

    public override string Usage => "add_staff <user> — let one more staff member see this ticket, whatever its category requires";

    protected override Task<Refusal?> ChangeAsync(Guid ticketId, StaffActor staff, ResolvedUser person, CancellationToken cancellationToken) =>
        staffAccess.AddAsync(ticketId, staff, person, cancellationToken);

    protected override (string, IReadOnlyList<Guid>) Done(StaffActor staff, ResolvedUser person) =>
        ($"➕ {staff.Name} added {person.Name} to this ticket.", [person.Id]);
}
