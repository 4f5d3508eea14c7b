using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Panel;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Tickets;

/// <summary>
/// Which of a desk's tickets a panel caller may see — the engine's rule (<see cref="TicketAudience"/>), so the panel
/// shows and acts on exactly the tickets whose channel the caller is in (super admins: all). The panel permission
/// (<c>view_tickets</c>, <c>manage_tickets</c>) is checked before, by <see cref="PanelGate"/>. A ticket the caller may not
/// see answers 404 and is left out of lists.
/// </summary>
internal sealed class TicketVisibility(ModmailDbContext db, TicketAudience audience)
{
    public Task<IQueryable<Ticket>> VisibleAsync(PanelCaller caller, CancellationToken cancellationToken) =>
        audience.VisibleAsync(caller.Desk, caller.UserId, cancellationToken);

    /// <summary>The ticket, tracked, when it is at the caller's desk and they may see it.</summary>
    public async Task<Ticket?> FindAsync(PanelCaller caller, Guid ticketId, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId && t.DeskId == caller.Desk.Id, cancellationToken);
        return ticket is not null && await audience.MaySeeAsync(caller.Desk, ticket, caller.UserId, cancellationToken) ? ticket : null;
    }
}
