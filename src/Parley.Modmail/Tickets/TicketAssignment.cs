using Parley.Core.Security;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Tickets;

/// <summary>
/// <c>take</c> / <c>release</c>: who is handling a ticket (<c>threads.assigned_to</c>). Taking a ticket someone else
/// holds is refused, naming the holder, unless the taker says so explicitly (<c>take --force</c>, the panel's
/// "take over"): two staff members never take over from each other by accident. Releasing is for the holder, or
/// forced likewise.
/// </summary>
internal sealed class TicketAssignment(ModmailDbContext db, StaffTicketAccess access, TimeProvider clock)
{
    /// <summary>Takes the ticket; returns who held it before (null: nobody).</summary>
    public async Task<(string? PreviousHolder, Refusal? Refusal)> TakeAsync(Guid ticketId, StaffActor staff, bool force, CancellationToken cancellationToken)
    {
        var (ticket, _, refusal) = await access.LoadAsync(ticketId, staff, mustBeOpen: true, cancellationToken);
        if (ticket is null)
        {
            return (null, refusal);
        }
        var me = staff.UserId.ToString();
        var holder = ticket.AssignedTo;
        if (holder == me)
        {
            return (null, Refusal.Conflict("already_taken", "You already hold this ticket."));
        }
        if (holder is not null && !force)
        {
            return (holder, Refusal.Conflict("taken_by_other", "Someone else holds this ticket; take it over with --force."));
        }
        ticket.AssignedTo = me;
        ticket.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return (holder, null);
    }

    public async Task<Refusal?> ReleaseAsync(Guid ticketId, StaffActor staff, bool force, CancellationToken cancellationToken)
    {
        var (ticket, _, refusal) = await access.LoadAsync(ticketId, staff, mustBeOpen: true, cancellationToken);
        if (ticket is null)
        {
            return refusal;
        }
        if (ticket.AssignedTo is null)
        {
            return Refusal.Conflict("not_taken", "Nobody holds this ticket.");
        }
        if (ticket.AssignedTo != staff.UserId.ToString() && !force)
        {
            return Refusal.Conflict("taken_by_other", "Someone else holds this ticket; release it for them with --force.");
        }
        ticket.AssignedTo = null;
        ticket.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
