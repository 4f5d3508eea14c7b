using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.DirectMessages;
using Parley.Chat.Messages;
using Parley.Chat.Presence;
using Parley.Chat.Storage;
using Parley.Chat.Voice;
using Parley.Core.Security;

namespace Parley.Chat.RealTime;

/// <summary>
/// The real-time connection (<c>/hubs/chat</c>, JSON or MessagePack). A signed-in user connects with
/// their access token, subscribes to the channels (and communities) they may read, and receives every
/// change there as an event (<see cref="ChatEventNames"/>). Each method checks access itself, exactly as
/// the HTTP API does, and refuses with a <see cref="HubException"/> whose message starts with the same
/// problem code (<c>not_a_channel_member: …</c>).
/// </summary>
internal sealed partial class ChatHub(
    ChatDbContext db, ChatConnections connections, MessageSender sender, DmChannels dms, PresenceChanges presence, VoiceRoom voice, TimeProvider clock) : Hub
{
    private Guid UserId => Context.User?.UserId() ?? throw new HubException("user_required: The hub acts for a signed-in user.");

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.UserId() is not { } userId)
        {
            // An API key has permissions but no person behind it: nothing here is addressed to it.
            Context.Abort();
            return;
        }
        connections.Add(Context.ConnectionId, userId);
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.User(userId));
        await presence.ConnectedAsync(userId, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        await LeaveVoiceOnDisconnectAsync();
        // The connection is already gone, so its token is cancelled: this last word runs on regardless.
        if (Context.User?.UserId() is { } userId && !connections.HasUser(userId))
        {
            await presence.LastDisconnectedAsync(userId, CancellationToken.None);
        }
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Starts receiving the channel's events; refused unless the caller may read it.</summary>
    public async Task Subscribe(Guid channelId)
    {
        await RequireAsync(channelId, ChannelNeed.Read);
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.Channel(channelId));
        connections.Subscribed(Context.ConnectionId, channelId);
    }

    public async Task Unsubscribe(Guid channelId)
    {
        connections.Unsubscribed(Context.ConnectionId, channelId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ChatGroups.Channel(channelId));
    }

    /// <summary>Starts receiving the community's structure events (members, groups, channels); members only.</summary>
    public async Task SubscribeCommunity(Guid communityId)
    {
        var userId = UserId;
        if (!await db.CommunityMembers.AnyAsync(m => m.CommunityId == communityId && m.UserId == userId, Context.ConnectionAborted))
        {
            throw new HubException("not_a_member: You are not a member of this community.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.Community(communityId));
    }

    /// <summary>Sends a message, as <c>POST /api/chat/channels/{id}/messages</c> does, idempotency key included.</summary>
    public async Task<MessageView> SendMessage(Guid channelId, SendMessageRequest request)
    {
        var outcome = await sender.SendAsync(UserId, channelId, request, Context.ConnectionAborted);
        return outcome.Message ?? throw outcome.Refusal!.ToHubException();
    }

    /// <summary>Sends to a user, opening the DM on the first message, as <c>POST /api/chat/dms/{userId}/messages</c> does.</summary>
    public async Task<MessageView> SendDirectMessage(Guid userId, SendMessageRequest request)
    {
        var outcome = await dms.SendAsync(UserId, userId, request, Context.ConnectionAborted);
        return outcome.Message ?? throw outcome.Refusal!.ToHubException();
    }

    /// <summary>Tells the channel's other subscribers the caller is typing; clients show it for a few seconds.</summary>
    public async Task Typing(Guid channelId)
    {
        var userId = UserId;
        await RequireAsync(channelId, ChannelNeed.Write);
        await Clients.OthersInGroup(ChatGroups.Channel(channelId)).SendAsync(ChatEventNames.Typing, new TypingView(channelId, userId), Context.ConnectionAborted);
    }

    /// <summary>Sets the caller's presence, as <c>PUT /api/chat/presence</c> does.</summary>
    public async Task<PresenceView> SetPresence(string status, string? customStatus)
    {
        var userId = UserId;
        if (PresenceChanges.Check(status, customStatus) is { } refusal)
        {
            throw refusal.ToHubException();
        }
        return await presence.SetAsync(userId, status, customStatus, Context.ConnectionAborted);
    }

    private async Task<ChannelAccess> RequireAsync(Guid channelId, ChannelNeed need)
    {
        var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, UserId, need, clock.GetUtcNow().UtcDateTime, Context.ConnectionAborted);
        return access ?? throw refusal!.ToHubException();
    }
}

public sealed record TypingView(Guid ChannelId, Guid UserId);

/// <summary>Refusals on the hub: the problem code leads the message so clients branch on it as over HTTP.</summary>
internal static class HubRefusals
{
    public static HubException ToHubException(this Refusal refusal) =>
        new(refusal.Errors is { Count: > 0 } errors
            ? $"{refusal.Code}: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))
            : $"{refusal.Code}: {refusal.Detail}");
}
