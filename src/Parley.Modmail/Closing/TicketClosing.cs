using Parley.Core.Security;
using Parley.Modmail.Staff;

namespace Parley.Modmail.Closing;

/// <summary>
/// Closing a ticket (<c>close</c>, <c>force_close</c>): now, or scheduled after a delay (a <c>scheduled_closures</c> row
/// and a Core job; cancelled by <c>close cancel</c> or by the member writing again), silently or with the desk's closing
/// message. Records <c>thread_status</c>, archives the ticket channel, publishes <c>ticket.closed</c>. SEAM — owner: ENGINE.
/// </summary>
internal sealed class TicketClosing
{
    public Task<Refusal?> CloseAsync(Guid ticketId, StaffActor staff, bool silent, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ENGINE");

    public Task<Refusal?> ScheduleAsync(Guid ticketId, StaffActor staff, TimeSpan delay, bool silent, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ENGINE");

    public Task<Refusal?> CancelScheduledAsync(Guid ticketId, StaffActor staff, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ENGINE");
}
