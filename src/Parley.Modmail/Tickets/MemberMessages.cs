using Parley.Modmail.Blocks;
using Parley.Modmail.Desks;
using Parley.Core.Security;
using Parley.Chat.Bots;
using Parley.Chat.Communities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Parley.Core.Events;
using Parley.Core.Webhooks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Transports;

namespace Parley.Modmail.Tickets;

/// <summary>
/// A member's message arriving through a transport: opens a ticket when the member has none open at the desk
/// (welcome message, optional category choice), relays it into the ticket channel, cancels a scheduled close,
/// fires staff alerts. A blocked member gets a notice and nothing is relayed. Idempotent on
/// (<paramref name="MemberMessageId"/>, transport): a message seen before (recover after a restart) is not relayed twice.
/// SEAM — owner: ENGINE.
/// </summary>
/// <param name="MemberId">threads.user_id: the Chat user id, the lower-case sender address.</param>
/// <param name="MemberConversationId">The DM channel, the Mail thread id.</param>
/// <param name="MemberMessageId">The message's id on the member's side (dm_message_id).</param>
internal sealed record IncomingMemberMessage(
    Guid DeskId,
    string Transport,
    string MemberId,
    string MemberName,
    string? MemberConversationId,
    string MemberMessageId,
    string Content,
    IReadOnlyList<TicketAttachment> Attachments,
    DateTime SentAt);

/// <summary>What became of a member's message.</summary>
internal enum MemberMessageResult
{
    /// <summary>Relayed into the ticket that was already open.</summary>
    Relayed,

    /// <summary>Opened a new ticket and relayed.</summary>
    Opened,

    /// <summary>The member is blocked: refused with a notice.</summary>
    Blocked,

    /// <summary>Seen before (same member-side id): nothing done.</summary>
    Duplicate,

    /// <summary>Waiting for the member to choose a category.</summary>
    AwaitingCategory,
}

internal sealed record MemberMessageOutcome(MemberMessageResult Result, Guid? TicketId);

internal sealed partial class MemberMessages(
    ModmailDbContext db, TicketChannels channels, MemberTransports transports, TicketLocks locks, WebhookPublisher webhooks, EventBus bus,
    CommunityDirectory communities, ChatBots bots, BlockList blocks, TimeProvider clock, ILogger<MemberMessages> logger)
{
    public async Task<MemberMessageOutcome> ReceiveAsync(IncomingMemberMessage message, CancellationToken cancellationToken)
    {
        using var held = await locks.HoldAsync(TicketLocks.Member(message.DeskId, message.Transport, message.MemberId), cancellationToken);
        var desk = await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == message.DeskId, cancellationToken)
            ?? throw new InvalidOperationException("No such desk.");
        if (await IsDuplicateAsync(message, cancellationToken))
        {
            return new MemberMessageOutcome(MemberMessageResult.Duplicate, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var transport = transports.Find(message.Transport) ?? throw new InvalidOperationException($"No transport '{message.Transport}'.");
        var open = await db.Tickets.FirstOrDefaultAsync(
            t => t.DeskId == desk.Id && t.Transport == message.Transport && t.UserId == message.MemberId && t.Status == TicketStatus.Open, cancellationToken);
        if (await blocks.IsBlockedAsync(message.MemberId, now, cancellationToken))
        {
            var reference = open is null
                ? new TicketRef(Guid.Empty, desk.Id, message.MemberId, message.MemberName, message.MemberConversationId)
                : MemberTransports.RefOf(open);
            await transport.DeliverAsync(new MemberDelivery(reference, BlockedNotice, null, null, null, [], MemberDeliveryKind.Notice), cancellationToken);
            return new MemberMessageOutcome(MemberMessageResult.Blocked, open?.Id);
        }

        var ticket = open ?? AddTicket(desk, message.Transport, message.MemberId, message.MemberName, message.MemberConversationId, now);
        ticket.MemberConversationId ??= message.MemberConversationId;
        ticket.AwaitingStaff = true;
        ticket.UpdatedAt = now;
        var recorded = new TicketMessage
        {
            ThreadId = ticket.Id,
            UserId = message.MemberId,
            UserName = Fit(message.MemberName, 256),
            DmMessageId = message.MemberMessageId,
            CreatedAt = message.SentAt,
            Content = message.Content,
            Kind = TicketMessageKinds.Member,
            Attachments = TicketMessageViews.AttachmentsJson(message.Attachments),
        };
        db.TicketMessages.Add(recorded);

        // The member wrote again: a scheduled close is off (its job finds no row and does nothing).
        var closure = open is null ? null : await db.ScheduledClosures.FirstOrDefaultAsync(c => c.ThreadId == ticket.Id, cancellationToken);
        if (closure is not null)
        {
            db.ScheduledClosures.Remove(closure);
        }
        var alerts = await db.StaffAlerts.Where(a => a.ThreadUserId == message.MemberId && !a.Used && (a.ThreadId == null || a.ThreadId == ticket.Id))
            .ToListAsync(cancellationToken);
        foreach (var alert in alerts)
        {
            alert.Used = true;
        }
        if (open is null)
        {
            await webhooks.EnqueueAsync(db, "ticket.opened", TicketView.From(ticket), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await webhooks.EnqueueAsync(db, "ticket.message", TicketMessageViews.From(recorded), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        if (open is null)
        {
            await channels.CreateAsync(desk, ticket, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await channels.PostAsync(ticket, $"New ticket from **{ticket.UserName}** ({ticket.Transport}). Reply with `{desk.Prefix}reply` or `{desk.Prefix}anonreply`; other messages are staff notes.", cancellationToken);
            await DeliverQuietlyAsync(transport, new MemberDelivery(MemberTransports.RefOf(ticket), desk.WelcomeMessage, null, null, null, [], MemberDeliveryKind.Welcome), cancellationToken);
        }
        var copy = await channels.PostAsync(ticket, RelayText(recorded, message.Attachments), message.Attachments, cancellationToken);
        if (copy is { } copyId)
        {
            recorded.InboxMessageId = copyId.ToString();
            await db.SaveChangesAsync(cancellationToken);
        }
        if (closure is not null)
        {
            await channels.PostNoticeAsync(ticket, "The scheduled close was cancelled: the member wrote again.", [], cancellationToken);
        }
        var alerted = alerts.Select(a => Guid.TryParse(a.StaffUserId, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (alerted.Count > 0)
        {
            await channels.PostNoticeAsync(ticket, $"{ticket.UserName} wrote (your alert).", alerted, cancellationToken);
        }
        if (open is null)
        {
            await bus.PublishAsync(new TicketOpened(ticket.Id, ticket.DeskId, ticket.Transport, ticket.UserId), cancellationToken);
        }
        await bus.PublishAsync(new TicketMessageRecorded(ticket.Id, ticket.DeskId, recorded.Id, recorded.Kind), cancellationToken);
        return new MemberMessageOutcome(open is null ? MemberMessageResult.Opened : MemberMessageResult.Relayed, ticket.Id);
    }

    /// <summary>
    /// <c>new_thread</c>: staff open a ticket to a member of the desk's community without a message from them; the
    /// member's side is their DM with the desk's bot. Refused when the desk serves no community, the user is not in it or
    /// is blocked, or already has an open ticket here.
    /// </summary>
    public async Task<(Guid? TicketId, Refusal? Refusal)> OpenByStaffAsync(
        SupportDesk desk, Guid memberId, string memberName, StaffActor staff, CancellationToken cancellationToken)
    {
        if (desk.CommunityId is not { } communityId || await communities.MembershipAsync(communityId, memberId, cancellationToken) is null)
        {
            return (null, Refusal.NotFound("member_not_found", $"{memberName} is not a member of the desk's community."));
        }
        var member = memberId.ToString();
        using var held = await locks.HoldAsync(TicketLocks.Member(desk.Id, TransportNames.Chat, member), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await blocks.IsBlockedAsync(member, now, cancellationToken))
        {
            return (null, Refusal.Conflict("member_blocked", $"{memberName} is blocked."));
        }
        if (await db.Tickets.AsNoTracking().AnyAsync(
                t => t.DeskId == desk.Id && t.Transport == TransportNames.Chat && t.UserId == member && t.Status == TicketStatus.Open, cancellationToken))
        {
            return (null, Refusal.Conflict("ticket_open", $"{memberName} already has an open ticket."));
        }
        var dm = await bots.OpenDmAsync(memberId, desk.BotUserId, cancellationToken);
        var ticket = AddTicket(desk, TransportNames.Chat, member, memberName, dm?.ToString(), now);
        ticket.AwaitingStaff = false;
        await webhooks.EnqueueAsync(db, "ticket.opened", TicketView.From(ticket), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await channels.CreateAsync(desk, ticket, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await channels.PostAsync(ticket, $"Ticket opened by **{staff.Name}** for **{ticket.UserName}**. Reply with `{desk.Prefix}reply` or `{desk.Prefix}anonreply`.", cancellationToken);
        await bus.PublishAsync(new TicketOpened(ticket.Id, ticket.DeskId, ticket.Transport, ticket.UserId), cancellationToken);
        return (ticket.Id, null);
    }

    /// <summary>A new open ticket and the first line of its status history, unsaved.</summary>
    private Ticket AddTicket(SupportDesk desk, string transport, string memberId, string memberName, string? conversationId, DateTime now)
    {
        var ticket = new Ticket
        {
            UserId = memberId,
            UserName = Fit(memberName, 256),
            DeskId = desk.Id,
            Transport = transport,
            MemberConversationId = conversationId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tickets.Add(ticket);
        db.TicketStatusChanges.Add(new TicketStatusChange { ThreadId = ticket.Id, Status = TicketStatus.Open, ChangedAt = now });
        return ticket;
    }

    public const string BlockedNotice = "You are blocked from contacting staff here; your message was not delivered.";

    /// <summary>How a member's message reads in the ticket channel: their name, the text, the files' names (the files themselves are attached).</summary>
    internal static string RelayText(TicketMessage message, IReadOnlyList<TicketAttachment> attachments)
    {
        var text = new System.Text.StringBuilder().Append("**").Append(message.UserName).Append("**\n").Append(message.Content);
        foreach (var file in attachments)
        {
            text.Append("\n📎 ").Append(file.FileName);
        }
        return text.ToString();
    }

    private Task<bool> IsDuplicateAsync(IncomingMemberMessage message, CancellationToken cancellationToken) =>
        db.TicketMessages.AsNoTracking().Where(m => m.DmMessageId == message.MemberMessageId && m.Kind == TicketMessageKinds.Member)
            .Join(db.Tickets.Where(t => t.DeskId == message.DeskId && t.Transport == message.Transport), m => m.ThreadId, t => t.Id, (m, t) => m.Id)
            .AnyAsync(cancellationToken);

    private async Task DeliverQuietlyAsync(IMemberTransport transport, MemberDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await transport.DeliverAsync(delivery, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The welcome is a courtesy: the ticket stands without it.
            LogWelcomeFailed(logger, ex, delivery.Ticket.TicketId);
        }
    }

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modmail: the welcome message of ticket {TicketId} was not delivered")]
    private static partial void LogWelcomeFailed(ILogger logger, Exception ex, Guid ticketId);
}
