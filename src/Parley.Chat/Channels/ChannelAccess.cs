using Microsoft.EntityFrameworkCore;
using Parley.Chat.Communities;
using Parley.Chat.Groups;
using Parley.Chat.Storage;
using Parley.Core.Security;

namespace Parley.Chat.Channels;

/// <summary>What a caller wants to do in a channel; each need includes the ones before it.</summary>
internal enum ChannelNeed
{
    /// <summary>Read messages, subscribe to the channel's events, react, mark read.</summary>
    Read,

    /// <summary>Post: not archived, not read-only (unless staff), not timed out, no block between DM partners.</summary>
    Write,

    /// <summary>Moderate: a community moderator or above (nobody moderates a DM).</summary>
    Moderate,
}

/// <summary>
/// A channel and what the caller is to it. The rules, in one place for the HTTP API and the hub:
/// <list type="bullet">
/// <item>a group channel is open to every member of its community, who joins it (<c>channel_members</c>)
/// to read and post; leaving it ends both; a channel ban bars it;</item>
/// <item>community moderators and above read and moderate every channel of their community without joining;</item>
/// <item>a private channel (<see cref="Channel.IsPrivate"/>) is its members' alone, community staff included: to anyone
/// else it answers exactly as a channel that does not exist (404 <c>channel_not_found</c>), so its existence is not revealed;</item>
/// <item>a DM channel is its two members' alone.</item>
/// </list>
/// Outsiders learn nothing more than that the channel exists (and of a private channel, not even that).
/// </summary>
internal sealed record ChannelAccess(Channel Channel, Guid? CommunityId, string? CommunityRole, bool IsMember, string? ChannelRole)
{
    public bool IsStaff => CommunityRoles.AtLeast(CommunityRole, CommunityRoles.Moderator);

    /// <summary>May post in a read-only channel and manage pins: community staff, or the channel's owner or admins.</summary>
    public bool IsChannelStaff => IsStaff || ChannelRole is GroupRoles.Owner or GroupRoles.Admin;

    public static async Task<(ChannelAccess? Access, Refusal? Refusal)> ResolveAsync(
        ChatDbContext db, Guid channelId, Guid userId, ChannelNeed need, DateTime now, CancellationToken cancellationToken)
    {
        var channel = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null)
        {
            return (null, Refusal.NotFound("channel_not_found", "No such channel."));
        }
        var membership = await db.ChannelMembers.AsNoTracking()
            .Where(m => m.ChannelId == channelId && m.UserId == userId).Select(m => m.Role).FirstOrDefaultAsync(cancellationToken);
        var isMember = membership is not null;
        if (channel.IsPrivate && !isMember)
        {
            // Checked before anything else about the caller, so no answer differs from an unknown id's.
            return (null, ChannelVisibility.Hidden());
        }

        Guid? communityId = null;
        string? communityRole = null;
        if (channel.GroupId is { } groupId)
        {
            communityId = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => (Guid?)g.CommunityId).FirstOrDefaultAsync(cancellationToken);
            communityRole = await db.CommunityMembers.AsNoTracking()
                .Where(m => m.CommunityId == communityId && m.UserId == userId).Select(m => m.Role).FirstOrDefaultAsync(cancellationToken);
            if (communityRole is null)
            {
                return (null, Refusal.Forbidden("not_a_member", "You are not a member of this channel's community."));
            }
        }
        var access = new ChannelAccess(channel, communityId, communityRole, isMember, membership);

        if (await db.ChannelBans.AnyAsync(b => b.ChannelId == channelId && b.UserId == userId, cancellationToken))
        {
            return (null, Refusal.Forbidden("channel_banned", "You are banned from this channel."));
        }
        if (!isMember && !access.IsStaff)
        {
            return (null, Refusal.Forbidden("not_a_channel_member", channel.GroupId is null
                ? "This conversation is not yours."
                : "Join the channel first."));
        }
        return need switch
        {
            ChannelNeed.Read => (access, null),
            ChannelNeed.Write => await CheckWriteAsync(db, access, userId, now, cancellationToken),
            _ => access.IsStaff
                ? (access, null)
                : (null, Refusal.Forbidden("forbidden_role", "This needs the community role 'moderator' or higher.")),
        };
    }

    private static async Task<(ChannelAccess?, Refusal?)> CheckWriteAsync(
        ChatDbContext db, ChannelAccess access, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var channel = access.Channel;
        if (!access.IsMember)
        {
            return (null, Refusal.Forbidden("not_a_channel_member", "Join the channel to post in it."));
        }
        if (channel.Archived)
        {
            return (null, Refusal.Forbidden("channel_archived", "The channel is archived."));
        }
        if (channel.ReadOnly && !access.IsChannelStaff)
        {
            return (null, Refusal.Forbidden("channel_read_only", "Only moderators post in this channel."));
        }
        var timeout = await db.UserTimeouts.AsNoTracking()
            .Where(t => t.ChannelId == channel.Id && t.UserId == userId && t.ExpiresAt > now)
            .OrderByDescending(t => t.ExpiresAt).Select(t => (DateTime?)t.ExpiresAt).FirstOrDefaultAsync(cancellationToken);
        if (timeout is { } until)
        {
            return (null, new Refusal(403, "timed_out", $"You are timed out in this channel until {until:O}."));
        }
        if (channel.ChannelType == ChannelTypes.Dm)
        {
            var other = await db.ChannelMembers.AsNoTracking()
                .Where(m => m.ChannelId == channel.Id && m.UserId != userId).Select(m => (Guid?)m.UserId).FirstOrDefaultAsync(cancellationToken);
            if (other is { } otherId && await db.UserBlocks.AnyAsync(
                    b => (b.BlockerId == userId && b.BlockedId == otherId) || (b.BlockerId == otherId && b.BlockedId == userId), cancellationToken))
            {
                return (null, Refusal.Forbidden("user_blocked", "One of you has blocked the other."));
            }
        }
        return (access, null);
    }
}
