using Microsoft.AspNetCore.SignalR;

namespace Parley.Chat.RealTime;

/// <summary>
/// Pushes chat events to the connections that may see them. Sent after the change is committed, so a
/// client that reacts by reading through the API finds it. With the Redis backplane configured,
/// SignalR carries every send to the connections on the other nodes too.
/// </summary>
internal sealed class ChatEvents(IHubContext<ChatHub> hub)
{
    public Task ToChannelAsync(Guid channelId, string name, object payload, CancellationToken cancellationToken = default) =>
        hub.Clients.Group(ChatGroups.Channel(channelId)).SendAsync(name, payload, cancellationToken);

    public Task ToUserAsync(Guid userId, string name, object payload, CancellationToken cancellationToken = default) =>
        hub.Clients.Group(ChatGroups.User(userId)).SendAsync(name, payload, cancellationToken);

    public Task ToUsersAsync(IEnumerable<Guid> userIds, string name, object payload, CancellationToken cancellationToken = default) =>
        hub.Clients.Groups(userIds.Select(ChatGroups.User).ToList()).SendAsync(name, payload, cancellationToken);

    public Task ToCommunityAsync(Guid communityId, string name, object payload, CancellationToken cancellationToken = default) =>
        hub.Clients.Group(ChatGroups.Community(communityId)).SendAsync(name, payload, cancellationToken);
}
