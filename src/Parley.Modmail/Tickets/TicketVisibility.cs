using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Desks;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Tickets;

/// <summary>
/// Which of a desk's tickets a panel caller may see: every ticket whose <c>required_permissions</c> they hold (via
/// <see cref="PanelAccess"/>; super admins hold all), plus the tickets they were added to (<c>thread_staff</c>).
/// The distinct requirements are few (they come from categories), so they are decided in memory and the rest is one query.
/// </summary>
internal sealed class TicketVisibility(ModmailDbContext db)
{
    public async Task<IQueryable<Ticket>> VisibleAsync(PanelCaller caller, CancellationToken cancellationToken)
    {
        var deskId = caller.Desk.Id;
        var tickets = db.Tickets.AsNoTracking().Where(t => t.DeskId == deskId);
        if (caller.IsSuperAdmin)
        {
            return tickets;
        }
        var requirements = await tickets.Where(t => t.RequiredPermissions != null).Select(t => t.RequiredPermissions!).Distinct().ToListAsync(cancellationToken);
        var met = requirements.Where(r => PermissionNames.Satisfied(r, caller.Held)).ToList();
        var user = caller.UserId.ToString("D");
        return tickets.Where(t => t.RequiredPermissions == null || met.Contains(t.RequiredPermissions)
            || db.TicketStaff.Any(s => s.ThreadId == t.Id && s.UserId == user));
    }

    /// <summary>The ticket, tracked, when it is at the caller's desk and they may see it.</summary>
    public async Task<Ticket?> FindAsync(PanelCaller caller, Guid ticketId, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId && t.DeskId == caller.Desk.Id, cancellationToken);
        if (ticket is null)
        {
            return null;
        }
        if (PermissionNames.Satisfied(ticket.RequiredPermissions, caller.Held))
        {
            return ticket;
        }
        var user = caller.UserId.ToString("D");
        return await db.TicketStaff.AnyAsync(s => s.ThreadId == ticket.Id && s.UserId == user, cancellationToken) ? ticket : null;
    }
}
