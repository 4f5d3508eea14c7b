using Parley.Core.Security;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>remove_staff &lt;user&gt;</c>: see <see cref="TicketStaffAccess"/>.</summary>
internal sealed class RemoveStaffCommand(TicketStaffAccess staffAccess, UserResolver users, CommandNotices answers) : TicketStaffCommand(users, answers)
{
    public override IReadOnlyList<string> Names { get; } = ["remove_staff", "rems"];

    public override string Usage => "remove_staff <user> — take back what add_staff gave";

    protected override Task<Refusal?> ChangeAsync(Guid ticketId, StaffActor staff, ResolvedUser person, CancellationToken cancellationToken) =>
        staffAccess.RemoveAsync(ticketId, staff, person, cancellationToken);

    protected override (string, IReadOnlyList<Guid>) Done(StaffActor staff, ResolvedUser person) =>
        ($"➖ {staff.Name} removed {person.Name} from this ticket.", []);
}
