using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Parley.Chat.RealTime;

/// <summary>
/// This node's hub connections: whose they are and which channels each subscribed to. SignalR groups
/// cannot be listed, so this is how a user who loses access to a channel (left, kicked, banned) is
/// taken out of its group at once instead of at their next reconnect.
/// </summary>
internal sealed class ChatConnections(IHubContext<ChatHub> hub, IRevocationFanOut fanOut)
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(string connectionId, Guid userId) => _connections[connectionId] = new Connection(userId);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>Whether <paramref name="userId"/> still has a connection on this node (presence goes offline after the last).</summary>
    public bool HasUser(Guid userId) => _connections.Values.Any(c => c.UserId == userId);

    public void Subscribed(string connectionId, Guid channelId)
    {
        if (_connections.TryGetValue(connectionId, out var connection))
        {
            connection.Channels[channelId] = 0;
        }
    }

    public void Unsubscribed(string connectionId, Guid channelId)
    {
        if (_connections.TryGetValue(connectionId, out var connection))
        {
            connection.Channels.TryRemove(channelId, out _);
        }
    }

    /// <summary>
    /// After the server added <paramref name="userId"/> to a channel (a private channel's members are added, never
    /// join): this node's connections of the user are put in the channel's group at once, and every connection of
    /// the user, on every node, gets <c>channel.added</c> so the client lists the channel and (on the other nodes)
    /// subscribes itself. Call it after the membership is committed; <see cref="RevokeChannelAsync"/> is the way back.
    /// </summary>
    public async Task GrantChannelAsync(Guid userId, Guid channelId, CancellationToken cancellationToken = default)
    {
        foreach (var (connectionId, connection) in _connections)
        {
            if (connection.UserId == userId && connection.Channels.TryAdd(channelId, 0))
            {
                await hub.Groups.AddToGroupAsync(connectionId, ChatGroups.Channel(channelId), cancellationToken);
            }
        }
        await hub.Clients.Group(ChatGroups.User(userId)).SendAsync(ChatEventNames.ChannelAdded, new ChannelAdded(channelId), cancellationToken);
    }

    /// <summary>
    /// Takes <paramref name="userId"/>'s connections out of the channel's group and tells them, on this
    /// node at once and on the others through the backplane (each node acts on its own connections).
    /// </summary>
    public async Task RevokeChannelAsync(Guid userId, Guid channelId, CancellationToken cancellationToken = default)
    {
        await RevokeLocalAsync(userId, channelId, cancellationToken);
        await fanOut.PublishAsync(userId, channelId, cancellationToken);
    }

    /// <summary>
    /// This node's part of a revocation. <c>channel.removed</c> goes to this node's connections of the
    /// user only after they left the group, so a client that has it will not see the channel's next message.
    /// </summary>
    public async Task RevokeLocalAsync(Guid userId, Guid channelId, CancellationToken cancellationToken)
    {
        var mine = new List<string>();
        foreach (var (connectionId, connection) in _connections)
        {
            if (connection.UserId != userId)
            {
                continue;
            }
            mine.Add(connectionId);
            if (connection.Channels.TryRemove(channelId, out _))
            {
                await hub.Groups.RemoveFromGroupAsync(connectionId, ChatGroups.Channel(channelId), cancellationToken);
            }
        }
        if (mine.Count > 0)
        {
            await hub.Clients.Clients(mine).SendAsync(ChatEventNames.ChannelRemoved, new ChannelRemoved(channelId), cancellationToken);
        }
    }

    private sealed record Connection(Guid UserId)
    {
        public ConcurrentDictionary<Guid, byte> Channels { get; } = new();
    }
}

/// <summary>The <c>channel.added</c> event: the receiver was added to this channel (and, on this node, subscribed to it).</summary>
public sealed record ChannelAdded(Guid ChannelId);

/// <summary>The <c>channel.removed</c> event: the receiver no longer reads this channel.</summary>
public sealed record ChannelRemoved(Guid ChannelId);
