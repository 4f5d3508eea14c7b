using Parley.Modmail.Tickets;

namespace Parley.Modmail.Staff;

/// <summary>
/// What the staff commands' services ask of the ticket channels — a notice, a members' sync — forwarded to the engine's
/// <see cref="TicketChannels"/>. A seam of its own (virtual) so those services and commands are tested on their own,
/// with a recording stand-in, while the channels are the engine's.
/// </summary>
internal class ChannelUpdates(TicketChannels channels)
{
    /// <summary>A notice from the bot in the ticket channel, mentioning <paramref name="mention"/>.</summary>
    public virtual Task NoticeAsync(Ticket ticket, string content, IReadOnlyList<Guid> mention, CancellationToken cancellationToken) =>
        channels.PostNoticeAsync(ticket, content, mention, cancellationToken);

    /// <summary>A notice from the bot in another staff channel (a command run outside a ticket channel).</summary>
    public virtual Task NoticeAsync(Guid deskId, Guid channelId, string content, CancellationToken cancellationToken) =>
        channels.PostNoticeAsync(deskId, channelId, content, cancellationToken);

    /// <summary>The ticket channel's members follow the ticket's category, <c>thread_staff</c> and the staff role.</summary>
    public virtual Task SyncMembersAsync(Ticket ticket, CancellationToken cancellationToken) =>
        channels.SyncMembersAsync(ticket, cancellationToken);
}
