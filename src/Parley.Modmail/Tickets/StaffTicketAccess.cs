using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Tickets;

/// <summary>
/// The first step of every staff action on a ticket (move, add/remove staff, take, reminders, alerts, snippets,
/// block from a ticket): the ticket exists, the actor is staff at its desk (or was given this ticket with
/// <c>add_staff</c>), and — unless the action also makes sense on
/// a closed ticket — it is open. Loads the ticket tracked, so the caller changes and saves it.
/// </summary>
internal sealed class StaffTicketAccess(ModmailDbContext db, StaffRoster roster)
{
    public async Task<(Ticket? Ticket, SupportDesk? Desk, Refusal? Refusal)> LoadAsync(
        Guid ticketId, StaffActor staff, bool mustBeOpen, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        var desk = ticket is null ? null : await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == ticket.DeskId, cancellationToken);
        if (ticket is null || desk is null)
        {
            return (null, null, Refusal.NotFound("ticket_not_found", "No such ticket."));
        }
        // Staff of the desk, or given this ticket with add_staff. (The engine's TicketAudience.MaySeeAsync also weighs the
        // category's required permissions; the integrator may point this check at it.)
        var user = staff.UserId.ToString();
        if (!await roster.IsStaffAsync(desk, staff.UserId, cancellationToken)
            && !await db.TicketStaff.AnyAsync(s => s.ThreadId == ticket.Id && s.UserId == user, cancellationToken))
        {
            return (null, null, Refusal.Forbidden("not_staff", "Only the desk's staff can do that."));
        }
        if (mustBeOpen && ticket.Status != TicketStatus.Open)
        {
            return (null, null, Refusal.Conflict("ticket_closed", "This ticket is closed."));
        }
        return (ticket, desk, null);
    }
}
