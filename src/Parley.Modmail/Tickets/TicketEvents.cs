namespace Parley.Modmail.Tickets;

/// <summary>
/// Modmail's events on Core's bus, published after the commit that made them true. The panel's live view and the
/// webhook events (<c>ticket.opened</c>, <c>ticket.message</c>, <c>ticket.closed</c>) follow them.
/// </summary>
public sealed record TicketOpened(Guid TicketId, Guid DeskId, string Transport, string MemberId);

/// <summary>A message recorded in a ticket; <paramref name="Kind"/> as <c>thread_messages.kind</c>.</summary>
public sealed record TicketMessageRecorded(Guid TicketId, Guid DeskId, long MessageId, string Kind);

public sealed record TicketClosed(Guid TicketId, Guid DeskId, string ClosedBy, bool Silent);
