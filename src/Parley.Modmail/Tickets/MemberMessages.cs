using Parley.Modmail.Blocks;
using Parley.Modmail.Desks;
using Parley.Core.Security;
using Parley.Chat.Bots;
using Parley.Chat.Communities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Parley.Core.Events;
using Parley.Core.Jobs;
using System.Text.Json;
using Microsoft.Extensions.Options;
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
/// <param name="CategoryId">A category already chosen (the external API): a ticket this message opens is in it, no question asked.</param>
internal sealed record IncomingMemberMessage(
    Guid DeskId,
    string Transport,
    string MemberId,
    string MemberName,
    string? MemberConversationId,
    string MemberMessageId,
    string Content,
    IReadOnlyList<TicketAttachment> Attachments,
    DateTime SentAt,
    Guid? CategoryId = null);

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
    CommunityDirectory communities, ChatBots bots, BlockList blocks, JobQueue jobs, IOptionsMonitor<ModmailOptions> options, TimeProvider clock,
    ILogger<MemberMessages> logger)
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
        TicketCategory? chosen = null;
        if (open is null && message.CategoryId is { } wanted)
        {
            // Chosen by the caller (the external API): no question asked.
            chosen = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == wanted && c.DeskId == desk.Id && c.Enabled, cancellationToken);
        }
        else if (open is null)
        {
            var choosing = await ChooseCategoryAsync(desk, transport, message, now, cancellationToken);
            if (choosing is not null)
            {
                return choosing;
            }
        }
        return await RecordAsync(desk, transport, open, message, chosen, now, cancellationToken);
    }

    /// <summary>
    /// A member with no open ticket at a desk that asks for a category: the first message is held and the list sent; an
    /// answer that names a category (or "no category") opens the ticket in it with the held messages; anything else is
    /// held too and the list is sent again. Null: no question here (selection off, no enabled category, not Chat) — the
    /// caller opens the ticket as usual. Only Chat asks: an email answer would arrive as a new mail thread, so email
    /// tickets open without a category (staff move them).
    /// </summary>
    private async Task<MemberMessageOutcome?> ChooseCategoryAsync(
        SupportDesk desk, IMemberTransport transport, IncomingMemberMessage message, DateTime now, CancellationToken cancellationToken)
    {
        var choice = await db.CategoryChoices.FirstOrDefaultAsync(
            c => c.DeskId == desk.Id && c.Transport == message.Transport && c.UserId == message.MemberId, cancellationToken);
        var asks = desk.CategorySelection && message.Transport == TransportNames.Chat;
        if (choice is null && !asks)
        {
            return null;
        }
        var categories = await EnabledCategoriesAsync(desk.Id, cancellationToken);
        var timeout = options.CurrentValue.CategoryChoiceTimeoutMinutes;
        if (choice is null)
        {
            if (categories.Count == 0)
            {
                return null;
            }
            choice = new CategoryChoice
            {
                DeskId = desk.Id,
                Transport = message.Transport,
                UserId = message.MemberId,
                UserName = Fit(message.MemberName, 256),
                MemberConversationId = message.MemberConversationId,
                StartedAt = now,
                ExpiresAt = new DateTimeOffset(now).AddMinutes(timeout).ToUnixTimeSeconds(),
                HeldMessages = HeldJson([Hold(message)]),
            };
            db.CategoryChoices.Add(choice);
            await db.SaveChangesAsync(cancellationToken);
            jobs.Enqueue(db, CategoryChoiceJob.JobKind, new CategoryChoiceJob.Payload(choice.Id, choice.ExpiresAt), DateTimeOffset.FromUnixTimeSeconds(choice.ExpiresAt).UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            await transport.DeliverAsync(new MemberDelivery(RefOf(choice), CategoryMenu.Text(categories, timeout), null, null, null, [], MemberDeliveryKind.Notice), cancellationToken);
            return new MemberMessageOutcome(MemberMessageResult.AwaitingCategory, null);
        }

        var heldMessages = ReadHeld(choice.HeldMessages);
        if (heldMessages.Any(h => h.MemberMessageId == message.MemberMessageId))
        {
            return new MemberMessageOutcome(MemberMessageResult.Duplicate, null);
        }
        if (asks && categories.Count > 0)
        {
            var answer = CategoryMenu.Read(message.Content, categories);
            if (!answer.Matched)
            {
                choice.HeldMessages = HeldJson([.. heldMessages, Hold(message)]);
                await db.SaveChangesAsync(cancellationToken);
                await transport.DeliverAsync(new MemberDelivery(RefOf(choice), CategoryMenu.Text(categories, timeout, message.Content), null, null, null, [], MemberDeliveryKind.Notice), cancellationToken);
                return new MemberMessageOutcome(MemberMessageResult.AwaitingCategory, null);
            }
            // The answer itself is the choice, not a message for staff: it is not relayed, only noted (see OpenChosenAsync).
            return await OpenChosenAsync(desk, transport, choice, heldMessages, answer.Category, cancellationToken, message);
        }
        // The desk stopped asking (or has no category left) while the member was choosing: open with everything held.
        return await OpenChosenAsync(desk, transport, choice, [.. heldMessages, Hold(message)], null, cancellationToken);
    }

    /// <summary>
    /// <see cref="CategoryChoiceJob"/>: the member did not choose in time — the ticket opens without a category with what
    /// they wrote. Nothing when the choice was made since, or is not the one the job was queued for.
    /// </summary>
    public async Task OpenUnchosenAsync(long choiceId, long expiresAt, CancellationToken cancellationToken)
    {
        var pending = await db.CategoryChoices.AsNoTracking().FirstOrDefaultAsync(c => c.Id == choiceId, cancellationToken);
        if (pending is null)
        {
            return;
        }
        using var held = await locks.HoldAsync(TicketLocks.Member(pending.DeskId, pending.Transport, pending.UserId), cancellationToken);
        var choice = await db.CategoryChoices.FirstOrDefaultAsync(c => c.Id == choiceId, cancellationToken);
        var desk = await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == pending.DeskId, cancellationToken);
        if (choice is null || choice.ExpiresAt != expiresAt || desk is null)
        {
            return;
        }
        var transport = transports.Find(choice.Transport) ?? throw new InvalidOperationException($"No transport '{choice.Transport}'.");
        if (await blocks.IsBlockedAsync(choice.UserId, clock.GetUtcNow().UtcDateTime, cancellationToken))
        {
            // Blocked while choosing: what they wrote is not delivered, as for any message of a blocked member.
            db.CategoryChoices.Remove(choice);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        await OpenChosenAsync(desk, transport, choice, ReadHeld(choice.HeldMessages), null, cancellationToken);
    }

    /// <summary>Drops the choice and opens the ticket (in <paramref name="category"/>, or none) with the held messages in order.</summary>
    private async Task<MemberMessageOutcome> OpenChosenAsync(
        SupportDesk desk, IMemberTransport transport, CategoryChoice choice, IReadOnlyList<HeldMemberMessage> heldMessages,
        TicketCategory? category, CancellationToken cancellationToken, IncomingMemberMessage? answer = null)
    {
        db.CategoryChoices.Remove(choice);
        await db.SaveChangesAsync(cancellationToken);
        MemberMessageOutcome? outcome = null;
        // Staff may have opened one meanwhile (new_thread): the held messages join it.
        var ticket = await db.Tickets.FirstOrDefaultAsync(
            t => t.DeskId == choice.DeskId && t.Transport == choice.Transport && t.UserId == choice.UserId && t.Status == TicketStatus.Open, cancellationToken);
        foreach (var h in heldMessages.OrderBy(h => h.SentAt))
        {
            var message = new IncomingMemberMessage(
                choice.DeskId, choice.Transport, choice.UserId, choice.UserName, choice.MemberConversationId, h.MemberMessageId, h.Content, h.Attachments, h.SentAt);
            var result = await RecordAsync(desk, transport, ticket, message, category, clock.GetUtcNow().UtcDateTime, cancellationToken);
            outcome ??= result;
            if (ticket is null)
            {
                ticket = await db.Tickets.FirstAsync(t => t.Id == result.TicketId, cancellationToken);
            }
        }
        if (ticket is not null && answer is not null)
        {
            // The answer is kept as a system line carrying its member-side id, so the transcript says what was chosen and
            // a recovery that offers the answer again finds it a duplicate instead of relaying "2" to staff.
            db.TicketMessages.Add(new TicketMessage
            {
                ThreadId = ticket.Id,
                UserId = choice.UserId,
                UserName = choice.UserName,
                DmMessageId = answer.MemberMessageId,
                CreatedAt = answer.SentAt,
                Content = category is null ? "The member chose no category." : $"The member chose the category {category.Name}.",
                Kind = TicketMessageKinds.System,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        return outcome ?? new MemberMessageOutcome(MemberMessageResult.AwaitingCategory, null);
    }

    private Task<List<TicketCategory>> EnabledCategoriesAsync(Guid deskId, CancellationToken cancellationToken) =>
        db.Categories.AsNoTracking().Where(c => c.DeskId == deskId && c.Enabled).OrderBy(c => c.Position).ThenBy(c => c.Name).ToListAsync(cancellationToken);

    private static TicketRef RefOf(CategoryChoice choice) => new(Guid.Empty, choice.DeskId, choice.UserId, choice.UserName, choice.MemberConversationId);

    private static HeldMemberMessage Hold(IncomingMemberMessage message) => new(message.MemberMessageId, message.Content, message.Attachments, message.SentAt);

    private static string HeldJson(IReadOnlyList<HeldMemberMessage> messages) => JsonSerializer.Serialize(messages);

    private static List<HeldMemberMessage> ReadHeld(string json) => JsonSerializer.Deserialize<List<HeldMemberMessage>>(json) ?? [];

    /// <summary>Records a member's message in their open ticket, opening it (in <paramref name="category"/>) when there is none, and relays it.</summary>
    private async Task<MemberMessageOutcome> RecordAsync(
        SupportDesk desk, IMemberTransport transport, Ticket? open, IncomingMemberMessage message, TicketCategory? category, DateTime now,
        CancellationToken cancellationToken)
    {
        var ticket = open ?? AddTicket(desk, message.Transport, message.MemberId, message.MemberName, message.MemberConversationId, now, category);
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
            var inCategory = ticket.CategoryName is null ? "" : $" in **{ticket.CategoryName}**";
            await channels.PostAsync(ticket, $"New ticket from **{ticket.UserName}** ({ticket.Transport}){inCategory}. Reply with `{desk.Prefix}reply` or `{desk.Prefix}anonreply`; other messages are staff notes.", cancellationToken);
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
    /// is blocked, or already has an open ticket here. <paramref name="categoryName"/>: one of the desk's enabled
    /// categories (case-insensitive) to open it in; one that is not is refused (<c>category_not_found</c>).
    /// </summary>
    public Task<(Guid? TicketId, Refusal? Refusal)> OpenByStaffAsync(
        SupportDesk desk, Guid memberId, string memberName, StaffActor staff, CancellationToken cancellationToken) =>
        OpenByStaffAsync(desk, memberId, memberName, staff, null, cancellationToken);

    /// <inheritdoc cref="OpenByStaffAsync(SupportDesk, Guid, string, StaffActor, CancellationToken)"/>
    public async Task<(Guid? TicketId, Refusal? Refusal)> OpenByStaffAsync(
        SupportDesk desk, Guid memberId, string memberName, StaffActor staff, string? categoryName, CancellationToken cancellationToken)
    {
        TicketCategory? category = null;
        if (categoryName is not null)
        {
            var categories = await EnabledCategoriesAsync(desk.Id, cancellationToken);
            category = categories.FirstOrDefault(c => string.Equals(c.Name, categoryName.Trim(), StringComparison.OrdinalIgnoreCase));
            if (category is null)
            {
                var known = categories.Count == 0 ? "this desk has none" : "known: " + string.Join(", ", categories.Select(c => c.Name));
                return (null, Refusal.NotFound("category_not_found", $"No category named \"{categoryName.Trim()}\" ({known})."));
            }
        }
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
        var ticket = AddTicket(desk, TransportNames.Chat, member, memberName, dm?.ToString(), now, category);
        ticket.AwaitingStaff = false;
        await webhooks.EnqueueAsync(db, "ticket.opened", TicketView.From(ticket), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await channels.CreateAsync(desk, ticket, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await channels.PostAsync(ticket, $"Ticket opened by **{staff.Name}** for **{ticket.UserName}**{(category is null ? "" : $" in **{category.Name}**")}. Reply with `{desk.Prefix}reply` or `{desk.Prefix}anonreply`.", cancellationToken);
        await bus.PublishAsync(new TicketOpened(ticket.Id, ticket.DeskId, ticket.Transport, ticket.UserId), cancellationToken);
        // The member was choosing a category: what they wrote meanwhile joins this ticket now, in order.
        var choice = await db.CategoryChoices.FirstOrDefaultAsync(
            c => c.DeskId == desk.Id && c.Transport == TransportNames.Chat && c.UserId == member, cancellationToken);
        if (choice is not null && transports.Find(TransportNames.Chat) is { } chat)
        {
            await OpenChosenAsync(desk, chat, choice, ReadHeld(choice.HeldMessages), category, cancellationToken);
        }
        return (ticket.Id, null);
    }

    /// <summary>A new open ticket and the first line of its status history, unsaved.</summary>
    private Ticket AddTicket(SupportDesk desk, string transport, string memberId, string memberName, string? conversationId, DateTime now, TicketCategory? category = null)
    {
        var ticket = new Ticket
        {
            UserId = memberId,
            UserName = Fit(memberName, 256),
            DeskId = desk.Id,
            Transport = transport,
            MemberConversationId = conversationId,
            CategoryId = category?.Id.ToString("D"),
            CategoryName = category?.Name,
            RequiredPermissions = category?.RequiredPermissions,
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
        db.TicketMessages.AsNoTracking()
            .Where(m => m.DmMessageId == message.MemberMessageId && (m.Kind == TicketMessageKinds.Member || m.Kind == TicketMessageKinds.System))
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
