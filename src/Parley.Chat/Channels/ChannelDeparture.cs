using Microsoft.EntityFrameworkCore;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;

namespace Parley.Chat.Channels;

/// <summary>
/// A user's way out of a community's channels when they leave, are kicked or are banned from the
/// community: their channel memberships go with the community membership, and their open hub
/// connections stop receiving those channels' events at once (staff read channels without joining,
/// so every channel of the community is revoked, not only the joined ones).
/// </summary>
internal static class ChannelDeparture
{
    /// <summary>Deletes the memberships (inside the caller's transaction); returns what <see cref="AnnounceAsync"/> needs.</summary>
    public static async Task<Departure> LeaveCommunityChannelsAsync(ChatDbContext db, Guid communityId, Guid userId, CancellationToken cancellationToken)
    {
        var channelIds = await db.Channels.Where(c => c.GroupId != null && db.Groups.Any(g => g.Id == c.GroupId && g.CommunityId == communityId))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var joined = await db.ChannelMembers.Where(m => m.UserId == userId && channelIds.Contains(m.ChannelId))
            .Select(m => m.ChannelId).ToListAsync(cancellationToken);
        await db.ChannelMembers.Where(m => m.UserId == userId && channelIds.Contains(m.ChannelId)).ExecuteDeleteAsync(cancellationToken);
        return new Departure(userId, channelIds, joined);
    }

    /// <summary>After the commit: revokes the hub subscriptions and tells each joined channel the member left.</summary>
    public static async Task AnnounceAsync(Departure departure, ChatConnections connections, ChatEvents events, CancellationToken cancellationToken)
    {
        foreach (var channelId in departure.ChannelIds)
        {
            await connections.RevokeChannelAsync(departure.UserId, channelId, cancellationToken);
        }
        foreach (var channelId in departure.JoinedChannelIds)
        {
            await events.ToChannelAsync(channelId, ChatEventNames.ChannelMemberLeft, new ChannelMemberLeft(channelId, departure.UserId), cancellationToken);
        }
    }

    internal sealed record Departure(Guid UserId, IReadOnlyList<Guid> ChannelIds, IReadOnlyList<Guid> JoinedChannelIds);
}
