using Microsoft.Extensions.Logging;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Events;
using Parley.Core.Security;
using Parley.Core.Webhooks;
using Parley.Modmail.Desks;
using Parley.Modmail.Panel;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Transports;

namespace Parley.Modmail.Tickets;

/// <summary>
/// What staff say to the member (<c>reply</c>, <c>anonreply</c>, <c>edit</c>, <c>delete</c>, <c>snippet</c>), from a
/// ticket-channel command, the panel or the API alike: checks the ticket is open and the staff member may act on it,
/// gives the reply the ticket's next <c>message_number</c> (in the transaction that records it), relays it through
/// the ticket's transport and mirrors it in the ticket channel with the number in its footer. Refusals are Core's
/// <see cref="Refusal"/>.
/// </summary>
internal sealed partial class StaffReplies(
    ModmailDbContext db, TicketAudience audience, TicketChannels channels, MemberTransports transports, PanelAccess access, TicketLocks locks,
    WebhookPublisher webhooks, EventBus bus, IOptionsMonitor<ModmailOptions> options, TimeProvider clock, ILogger<StaffReplies> logger)
{
    public async Task<(TicketMessage? Message, Refusal? Refusal)> ReplyAsync(
        Guid ticketId, StaffActor staff, string content, bool anonymous, IReadOnlyList<TicketAttachment> attachments, CancellationToken cancellationToken)
    {
        content = content.Trim();
        if (CheckContent(content, attachments.Count > 0) is { } invalid)
        {
            return (null, invalid);
        }
        using var held = await locks.HoldAsync(TicketLocks.Ticket(ticketId), cancellationToken);
        var (ticket, desk, refusal) = await ResolveAsync(ticketId, staff, cancellationToken);
        if (ticket is null)
        {
            return (null, refusal);
        }
        if (ticket.Status != TicketStatus.Open)
        {
            return (null, Refusal.Conflict("ticket_closed", "The ticket is closed."));
        }
        if (ticket.UserLeft)
        {
            return (null, Refusal.Conflict("member_left", "The member left; nothing can reach them."));
        }
        var transport = transports.Find(ticket.Transport);
        if (transport is null)
        {
            return (null, Refusal.Conflict("transport_unavailable", $"The ticket's transport '{ticket.Transport}' is not available."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var message = new TicketMessage
        {
            ThreadId = ticket.Id,
            UserId = staff.UserId.ToString(),
            UserName = staff.Name,
            AuthorRole = staff.Role,
            IsAnonymous = anonymous,
            MessageNumber = ticket.NextMessageNumber,
            CreatedAt = now,
            Content = content,
            Kind = TicketMessageKinds.Staff,
            Attachments = TicketMessageViews.AttachmentsJson(attachments),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            ticket.NextMessageNumber++;
            ticket.FirstResponseAt ??= now;
            ticket.AwaitingStaff = false;
            ticket.UpdatedAt = now;
            db.TicketMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            await webhooks.EnqueueAsync(db, "ticket.message", TicketMessageViews.From(message), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var delivery = DeliveryOf(ticket, message, attachments);
        message.DmMessageId = await DeliverOrNullAsync(transport, delivery, cancellationToken);
        var copy = await channels.PostAsync(ticket, StaffCopy(message, desk!, attachments), attachments, cancellationToken);
        message.InboxMessageId = copy?.ToString();
        await db.SaveChangesAsync(cancellationToken);
        if (message.DmMessageId is null)
        {
            await channels.PostNoticeAsync(ticket, $"Reply #{message.MessageNumber} was recorded but could not be delivered to the member.", [], cancellationToken);
        }
        await bus.PublishAsync(new TicketMessageRecorded(ticket.Id, ticket.DeskId, message.Id, message.Kind), cancellationToken);
        return (message, null);
    }

    public async Task<(TicketMessage? Message, Refusal? Refusal)> EditAsync(
        Guid ticketId, StaffActor staff, int messageNumber, string content, CancellationToken cancellationToken)
    {
        content = content.Trim();
        if (CheckContent(content, hasAttachments: false) is { } invalid)
        {
            return (null, invalid);
        }
        using var held = await locks.HoldAsync(TicketLocks.Ticket(ticketId), cancellationToken);
        var (ticket, desk, message, refusal) = await ResolveReplyAsync(ticketId, staff, messageNumber, cancellationToken);
        if (message is null)
        {
            return (null, refusal);
        }
        message.Content = content;
        message.EditedAt = clock.GetUtcNow().UtcDateTime;
        await webhooks.EnqueueAsync(db, "ticket.message", TicketMessageViews.From(message), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var attachments = TicketMessageViews.TransportAttachmentsOf(message);
        if (message.DmMessageId is { } dmId && transports.Find(ticket!.Transport) is { } transport)
        {
            await transport.EditAsync(DeliveryOf(ticket, message, attachments), dmId, cancellationToken);
        }
        if (message.InboxMessageId is { } inboxId)
        {
            await channels.EditAsync(ticket!, inboxId, StaffCopy(message, desk!, attachments), cancellationToken);
        }
        return (message, null);
    }

    public async Task<Refusal?> DeleteAsync(Guid ticketId, StaffActor staff, int messageNumber, CancellationToken cancellationToken)
    {
        using var held = await locks.HoldAsync(TicketLocks.Ticket(ticketId), cancellationToken);
        var (ticket, _, message, refusal) = await ResolveReplyAsync(ticketId, staff, messageNumber, cancellationToken);
        if (message is null)
        {
            return refusal;
        }
        message.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await webhooks.EnqueueAsync(db, "ticket.message", TicketMessageViews.From(message), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (message.DmMessageId is { } dmId && transports.Find(ticket!.Transport) is { } transport
            && !await transport.WithdrawAsync(MemberTransports.RefOf(ticket), dmId, cancellationToken))
        {
            await channels.PostNoticeAsync(ticket, $"Reply #{messageNumber} could not be withdrawn from the member's side ({ticket.Transport}).", [], cancellationToken);
        }
        if (message.InboxMessageId is { } inboxId)
        {
            await channels.DeleteAsync(ticket!, inboxId, cancellationToken);
        }
        return null;
    }

    /// <summary>How the ticket channel shows a relayed reply: who (and whether anonymously), the text, the files, the number.</summary>
    internal static string StaffCopy(TicketMessage message, SupportDesk desk, IReadOnlyList<TicketAttachment> attachments)
    {
        var text = new StringBuilder("**");
        if (message.IsAnonymous)
        {
            text.Append(desk.AnonymousName).Append("** (anonymous, by ").Append(message.UserName).Append(')');
        }
        else
        {
            text.Append(message.UserName).Append("**");
            if (message.AuthorRole is { } role)
            {
                text.Append(" (").Append(role).Append(')');
            }
        }
        text.Append(" → member\n").Append(message.Content);
        foreach (var file in attachments)
        {
            text.Append("\n📎 ").Append(file.FileName);
        }
        return text.Append("\n— #").Append(message.MessageNumber).ToString();
    }

    private static MemberDelivery DeliveryOf(Ticket ticket, TicketMessage message, IReadOnlyList<TicketAttachment> attachments) => new(
        MemberTransports.RefOf(ticket), message.Content,
        message.IsAnonymous ? null : message.UserName, message.IsAnonymous ? null : message.AuthorRole,
        message.MessageNumber, attachments, MemberDeliveryKind.Reply);

    private Refusal? CheckContent(string content, bool hasAttachments)
    {
        var max = options.CurrentValue.MaxMessageLength;
        if (content.Length == 0 && !hasAttachments)
        {
            return Refusal.Invalid("content", "must not be empty");
        }
        return content.Length > max ? Refusal.Invalid("content", $"at most {max} characters") : null;
    }

    private async Task<(Ticket? Ticket, SupportDesk? Desk, Refusal? Refusal)> ResolveAsync(Guid ticketId, StaffActor staff, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        var desk = ticket is null ? null : await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == ticket.DeskId, cancellationToken);
        if (ticket is null || desk is null || !await audience.MaySeeAsync(desk, ticket, staff.UserId, cancellationToken))
        {
            // Staff who may not see a ticket learn nothing of it.
            return (null, null, Refusal.NotFound("ticket_not_found", "No such ticket."));
        }
        return (ticket, desk, null);
    }

    /// <summary>A live numbered reply of the ticket that this staff member may change: their own, or anyone's for a super admin.</summary>
    private async Task<(Ticket?, SupportDesk?, TicketMessage?, Refusal?)> ResolveReplyAsync(
        Guid ticketId, StaffActor staff, int messageNumber, CancellationToken cancellationToken)
    {
        var (ticket, desk, refusal) = await ResolveAsync(ticketId, staff, cancellationToken);
        if (ticket is null)
        {
            return (null, null, null, refusal);
        }
        if (ticket.Status != TicketStatus.Open)
        {
            return (null, null, null, Refusal.Conflict("ticket_closed", "The ticket is closed."));
        }
        var message = await db.TicketMessages.FirstOrDefaultAsync(
            m => m.ThreadId == ticketId && m.MessageNumber == messageNumber && m.Kind == TicketMessageKinds.Staff, cancellationToken);
        if (message is null || message.DeletedAt is not null)
        {
            return (null, null, null, Refusal.NotFound("message_not_found", $"No reply #{messageNumber} in this ticket."));
        }
        if (message.UserId != staff.UserId.ToString() && !await access.IsSuperAdminAsync(staff.UserId, cancellationToken))
        {
            return (null, null, null, Refusal.Forbidden("not_message_author", "Only the staff member who sent a reply changes it."));
        }
        return (ticket, desk, message, null);
    }

    /// <summary>
    /// The reply is recorded before it is relayed, so a medium that fails (a refused email, a member no longer
    /// reachable) leaves the reply in the transcript with a notice to staff instead of an error that loses it.
    /// </summary>
    private async Task<string?> DeliverOrNullAsync(IMemberTransport transport, MemberDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            return await transport.DeliverAsync(delivery, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDeliveryFailed(logger, ex, delivery.Ticket.TicketId, transport.Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A staff reply in ticket {TicketId} was not delivered through {Transport}")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception ex, Guid ticketId, string transport);
}
