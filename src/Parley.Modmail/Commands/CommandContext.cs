using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;
using Parley.Modmail.Transports;

namespace Parley.Modmail.Commands;

/// <summary>
/// A command as staff wrote it: the ticket channel's ticket (null for commands outside a ticket channel, e.g.
/// <c>new_thread</c>, <c>block</c>, <c>ping</c>, <c>help</c>, <c>status</c> in another staff channel), the desk, who,
/// the text after the command name, and the files attached to the command message.
/// </summary>
internal sealed record CommandContext(
    SupportDesk Desk,
    Ticket? Ticket,
    StaffActor Staff,
    string CommandName,
    string Arguments,
    IReadOnlyList<TicketAttachment> Attachments,
    Guid ChannelId,
    Guid CommandMessageId);
