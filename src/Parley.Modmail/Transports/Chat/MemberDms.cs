using Microsoft.EntityFrameworkCore;
using Parley.Chat.Bots;
using Parley.Chat.Communities;
using Parley.Modmail.Desks;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports.Chat;

/// <summary>
/// A member's DM to a desk's bot, from the router (the normal path) or from recovery: only members of the desk's
/// community, only while the desk is enabled, reach <see cref="MemberMessages"/>. Whatever becomes of the message, the
/// desk's cursor (<see cref="SupportDesk.ChatCursorAt"/>, <see cref="SupportDesk.ChatCursorMessageId"/>) then moves past
/// it, so recovery never handles it again.
/// </summary>
internal sealed class MemberDms(ModmailDbContext db, CommunityDirectory communities, MemberMessages members)
{
    /// <summary>Handles <paramref name="message"/> and moves the cursor; null when it was not for the engine (not a member, desk off, empty).</summary>
    public async Task<MemberMessageResult?> HandleAsync(SupportDesk desk, ChatMessageInfo message, CancellationToken cancellationToken)
    {
        var result = await ReceiveAsync(desk, message, cancellationToken);
        await AdvanceAsync(desk.Id, new BotInboxPosition(message.CreatedAt, message.Id), cancellationToken);
        return result;
    }

    /// <summary>Hands <paramref name="message"/> to the engine when it is for it, without moving the cursor.</summary>
    public async Task<MemberMessageResult?> ReceiveAsync(SupportDesk desk, ChatMessageInfo message, CancellationToken cancellationToken)
    {
        if (!desk.Enabled || (message.Content is null && message.Attachments.Count == 0)
            || desk.CommunityId is not { } communityId || await communities.MembershipAsync(communityId, message.SenderId, cancellationToken) is null)
        {
            return null;
        }
        var attachments = message.TicketAttachments();
        var outcome = await members.ReceiveAsync(new IncomingMemberMessage(
            desk.Id, TransportNames.Chat, message.SenderId.ToString(), message.SenderName, message.ChannelId.ToString(), message.Id.ToString(),
            message.Content ?? "", attachments, message.CreatedAt), cancellationToken);
        return outcome.Result;
    }

    /// <summary>Where the desk's cursor stands: past nothing before the desk existed.</summary>
    public static BotInboxPosition CursorOf(SupportDesk desk) =>
        new(desk.ChatCursorAt ?? desk.CreatedAt, desk.ChatCursorMessageId ?? Guid.Empty);

    /// <summary>Moves the cursor to <paramref name="position"/> unless it is already there or later (handlers finish in any order).</summary>
    public Task AdvanceAsync(Guid deskId, BotInboxPosition position, CancellationToken cancellationToken)
    {
        var (at, id) = (position.CreatedAt, position.MessageId);
        return db.Desks
            .Where(d => d.Id == deskId && (d.ChatCursorAt == null || d.ChatCursorAt < at
                || (d.ChatCursorAt == at && (d.ChatCursorMessageId == null || d.ChatCursorMessageId.Value.CompareTo(id) < 0))))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ChatCursorAt, at).SetProperty(d => d.ChatCursorMessageId, id), cancellationToken);
    }
}
