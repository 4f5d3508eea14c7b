namespace Parley.Chat.RealTime;

/// <summary>The SignalR group names events are sent to; one place so the hub and the senders agree.</summary>
internal static class ChatGroups
{
    /// <summary>Every connection subscribed to the channel (after its read check).</summary>
    public static string Channel(Guid channelId) => "channel:" + channelId.ToString("N");

    /// <summary>Every connection of one user, on every node: joined on connect.</summary>
    public static string User(Guid userId) => "user:" + userId.ToString("N");

    /// <summary>Connections subscribed to a community's structure (members, groups, channels).</summary>
    public static string Community(Guid communityId) => "community:" + communityId.ToString("N");
}
