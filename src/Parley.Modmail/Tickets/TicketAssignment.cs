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
        var me = staff.UserId.ToString();
        string? holder = null;
        var refusal = await AssignAsync(ticketId, staff, me, ticket =>
        {
            holder = ticket.AssignedTo;
            return holder == me ? Refusal.Conflict("already_taken", "You already hold this ticket.")
                : holder is not null && !force ? Refusal.Conflict("taken_by_other", "Someone else holds this ticket; take it over with --force.")
                : null;
        }, cancellationToken);
        return (holder, refusal);
    }

    public Task<Refusal?> ReleaseAsync(Guid ticketId, StaffActor staff, bool force, CancellationToken cancellationToken) =>
        AssignAsync(ticketId, staff, null, ticket =>
            ticket.AssignedTo is null ? Refusal.Conflict("not_taken", "Nobody holds this ticket.")
            : ticket.AssignedTo != staff.UserId.ToString() && !force ? Refusal.Conflict("taken_by_other", "Someone else holds this ticket; release it for them with --force.")
            : null,
            cancellationToken);

    /// <summary>An open ticket the actor may act on, <paramref name="allowed"/> by its current holder, gets <paramref name="holder"/>.</summary>
    private async Task<Refusal?> AssignAsync(Guid ticketId, StaffActor staff, string? holder, Func<Ticket, Refusal?> allowed, CancellationToken cancellationToken)
    {
        var (ticket, _, refusal) = await access.LoadAsync(ticketId, staff, mustBeOpen: true, cancellationToken);
        if (ticket is null)
        {
            return refusal;
        }
        if (allowed(ticket) is { } refused)
        {
            return refused;
        }
        ticket.AssignedTo = holder;
        ticket.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
