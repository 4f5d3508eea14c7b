using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Tickets;

/// <summary>
/// <c>add_staff</c> / <c>remove_staff</c>: gives one more person sight of one ticket whatever its category requires
/// (a <c>thread_staff</c> row), or takes it back; then the ticket channel's members follow. The person must be in the
/// staff community, since the ticket channel lives there.
/// </summary>
internal sealed class TicketStaffAccess(ModmailDbContext db, StaffTicketAccess access, StaffRoster roster, ChannelUpdates channels, TimeProvider clock)
{
    public Task<Refusal?> AddAsync(Guid ticketId, StaffActor staff, ResolvedUser person, CancellationToken cancellationToken) =>
        ChangeAsync(ticketId, staff, async (ticket, desk) =>
        {
            var userId = person.Id.ToString();
            if (userId == ticket.UserId)
            {
                return Refusal.Invalid("user", $"{person.Username} is this ticket's member");
            }
            if (person.IsBot || !await roster.IsInStaffCommunityAsync(desk, person.Id, cancellationToken))
            {
                return Refusal.Invalid("user", $"{person.Username} is not a member of the staff community");
            }
            if (await db.TicketStaff.AnyAsync(s => s.ThreadId == ticket.Id && s.UserId == userId, cancellationToken))
            {
                return Refusal.Conflict("already_added", $"{person.Username} was already added to this ticket.");
            }
            db.TicketStaff.Add(new TicketStaff
            {
                ThreadId = ticket.Id,
                UserId = userId,
                AddedBy = staff.UserId.ToString(),
                AddedAt = clock.GetUtcNow().UtcDateTime,
            });
            return null;
        }, cancellationToken);

    public Task<Refusal?> RemoveAsync(Guid ticketId, StaffActor staff, ResolvedUser person, CancellationToken cancellationToken) =>
        ChangeAsync(ticketId, staff, async (ticket, _) =>
        {
            var userId = person.Id.ToString();
            var row = await db.TicketStaff.FirstOrDefaultAsync(s => s.ThreadId == ticket.Id && s.UserId == userId, cancellationToken);
            if (row is null)
            {
                return Refusal.NotFound("not_added", $"{person.Username} was not added to this ticket with add_staff.");
            }
            db.TicketStaff.Remove(row);
            return null;
        }, cancellationToken);

    /// <summary>On an open ticket the actor may act on: the change (a refusal stops it), saved, then the channel's members follow.</summary>
    private async Task<Refusal?> ChangeAsync(Guid ticketId, StaffActor staff, Func<Ticket, SupportDesk, Task<Refusal?>> change, CancellationToken cancellationToken)
    {
        var (ticket, desk, refusal) = await access.LoadAsync(ticketId, staff, mustBeOpen: true, cancellationToken);
        if (ticket is null || desk is null)
        {
            return refusal;
        }
        if (await change(ticket, desk) is { } refused)
        {
            return refused;
        }
        await db.SaveChangesAsync(cancellationToken);
        await channels.SyncMembersAsync(ticket, cancellationToken);
        return null;
    }
}
