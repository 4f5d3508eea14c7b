using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Tickets;

/// <summary>
/// The first step of every staff action on a ticket (move, add/remove staff, take, release, reminders, alerts,
/// snippets, block from a ticket): the ticket exists and the actor may see it (<see cref="TicketAudience.MaySeeAsync"/>:
/// the category's required permissions count, <c>add_staff</c> grants it), and — unless the action also makes sense on
/// a closed ticket — it is open. Loads the ticket tracked, so the caller changes and saves it.
/// </summary>
internal sealed class StaffTicketAccess(ModmailDbContext db, StaffRoster roster, TicketAudience audience)
{
    public async Task<(Ticket? Ticket, SupportDesk? Desk, Refusal? Refusal)> LoadAsync(
        Guid ticketId, StaffActor staff, bool mustBeOpen, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        var desk = ticket is null ? null : await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == ticket.DeskId, cancellationToken);
        if (ticket is null || desk is null)
        {
            return (null, null, NotFound());
        }
        if (!await audience.MaySeeAsync(desk, ticket, staff.UserId, cancellationToken))
        {
            // Staff of the desk whom the category hides it from are told it does not exist, as the panel does. Someone who
            // is not staff here at all is told that instead: it is about them, and says nothing of the ticket.
            return (null, null, await roster.IsStaffAsync(desk, staff.UserId, cancellationToken)
                ? NotFound()
                : Refusal.Forbidden("not_staff", "Only the desk's staff can do that."));
        }
        if (mustBeOpen && ticket.Status != TicketStatus.Open)
        {
            return (null, null, Refusal.Conflict("ticket_closed", "This ticket is closed."));
        }
        return (ticket, desk, null);
    }

    private static Refusal NotFound() => Refusal.NotFound("ticket_not_found", "No such ticket.");
}
