using Parley.Modmail.Tickets;

namespace Parley.Modmail.Staff;

/// <summary>
/// The staff side of a ticket: its private channel in the staff community's <c>Tickets</c> group, through Chat's
/// public services. Creates it when a ticket opens, posts member messages and notices into it as the desk's bot,
/// keeps its members to the staff who may see the ticket (staff role, the category's required permissions,
/// <c>thread_staff</c>), archives it on close. SEAM — owner: ENGINE.
/// </summary>
internal sealed class TicketChannels
{
    /// <summary>Posts a notice from the bot in the ticket channel, mentioning <paramref name="mention"/>; returns the Chat message id.</summary>
    public Task<Guid?> PostNoticeAsync(Ticket ticket, string content, IReadOnlyList<Guid> mention, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ENGINE");

    /// <summary>Posts a notice from the bot in any staff channel (answers to commands run outside a ticket channel).</summary>
    public Task<Guid?> PostNoticeAsync(Guid deskId, Guid channelId, string content, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ENGINE");

    /// <summary>Makes the channel's members exactly the staff who may see the ticket now (after a move, add/remove staff, a permission change).</summary>
    public Task SyncMembersAsync(Ticket ticket, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ENGINE");
}
