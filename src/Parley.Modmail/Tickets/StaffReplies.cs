using Parley.Core.Security;
using Parley.Modmail.Staff;
using Parley.Modmail.Transports;

namespace Parley.Modmail.Tickets;

/// <summary>
/// What staff say to the member (<c>reply</c>, <c>anonreply</c>, <c>edit</c>, <c>delete</c>, <c>snippet</c>), from a
/// ticket-channel command, the panel or the API alike: checks the ticket is open and the staff member may act on it,
/// gives the reply the ticket's next <c>message_number</c>, relays it through the ticket's transport and mirrors it in
/// the ticket channel. Refusals are Core's <see cref="Refusal"/>. SEAM — owner: ENGINE.
/// </summary>
internal sealed class StaffReplies
{
    public Task<(TicketMessage? Message, Refusal? Refusal)> ReplyAsync(
        Guid ticketId, StaffActor staff, string content, bool anonymous, IReadOnlyList<TicketAttachment> attachments, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ENGINE");

    public Task<(TicketMessage? Message, Refusal? Refusal)> EditAsync(
        Guid ticketId, StaffActor staff, int messageNumber, string content, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ENGINE");

    public Task<Refusal?> DeleteAsync(Guid ticketId, StaffActor staff, int messageNumber, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ENGINE");
}
