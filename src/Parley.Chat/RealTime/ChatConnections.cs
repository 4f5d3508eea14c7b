using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Parley.Chat.RealTime;

/// <summary>
/// This node's hub connections: whose they are and which channels each subscribed to. SignalR groups
/// cannot be listed, so this is how a user who loses access to a channel (left, kicked, banned) is
/// taken out of its group at once instead of at their next reconnect.
/// </summary>
internal sealed class ChatConnections(IHubContext<ChatHub> hub)
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

    /// <summary>Takes this node's connections of <paramref name="userId"/> out of the channel's group and tells them.</summary>
    public async Task RevokeChannelAsync(Guid userId, Guid channelId, CancellationToken cancellationToken = default)
    {
        foreach (var (connectionId, connection) in _connections)
        {
            if (connection.UserId == userId && connection.Channels.TryRemove(channelId, out _))
            {
                await hub.Groups.RemoveFromGroupAsync(connectionId, ChatGroups.Channel(channelId), cancellationToken);
            }
        }
        await hub.Clients.Group(ChatGroups.User(userId)).SendAsync(ChatEventNames.ChannelRemoved, new ChannelRemoved(channelId), cancellationToken);
    }

    private sealed record Connection(Guid UserId)
    {
        public ConcurrentDictionary<Guid, byte> Channels { get; } = new();
    }
}

/// <summary>The <c>channel.removed</c> event: the receiver no longer reads this channel.</summary>
public sealed record ChannelRemoved(Guid ChannelId);
