using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Alerts;

/// <summary>
/// <c>alert</c> / <c>alert cancel</c>: "ping me when this member next writes" — a <c>staff_alerts</c> row for the
/// staff member and the ticket's member (and ticket). The engine fires and uses it up when the member writes; setting
/// it twice keeps one.
/// </summary>
internal sealed class TicketAlerts(ModmailDbContext db, StaffTicketAccess access, TimeProvider clock)
{
    /// <summary>Sets the alert; false when one was already pending (nothing added).</summary>
    public async Task<(bool Added, Refusal? Refusal)> SetAsync(Guid ticketId, StaffActor staff, CancellationToken cancellationToken)
    {
        var (ticket, _, refusal) = await access.LoadAsync(ticketId, staff, mustBeOpen: true, cancellationToken);
        if (ticket is null)
        {
            return (false, refusal);
        }
        var me = staff.UserId.ToString();
        if (await Pending(me, ticket).AnyAsync(cancellationToken))
        {
            return (false, null);
        }
        db.StaffAlerts.Add(new StaffAlert
        {
            StaffUserId = me,
            ThreadUserId = ticket.UserId,
            ThreadId = ticket.Id,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (true, null);
    }

    public async Task<Refusal?> CancelAsync(Guid ticketId, StaffActor staff, CancellationToken cancellationToken)
    {
        var (ticket, _, refusal) = await access.LoadAsync(ticketId, staff, mustBeOpen: false, cancellationToken);
        if (ticket is null)
        {
            return refusal;
        }
        var pending = await Pending(staff.UserId.ToString(), ticket).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return Refusal.NotFound("alert_not_found", "You have no alert set for this member.");
        }
        db.StaffAlerts.RemoveRange(pending);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    // Rows imported from Rustmail have no ticket: they count for the member whatever the ticket.
    private IQueryable<StaffAlert> Pending(string staffUserId, Ticket ticket) =>
        db.StaffAlerts.Where(a => a.StaffUserId == staffUserId && a.ThreadUserId == ticket.UserId && !a.Used
            && (a.ThreadId == ticket.Id || a.ThreadId == null));
}
