using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.Groups;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;

namespace Parley.Chat.Bots;

/// <summary>
/// Groups and private channels made by the server for other modules (Modmail's <c>Tickets</c> group and its ticket
/// channels): a private channel (<see cref="Channel.IsPrivate"/>) is seen by its members alone, and its members are
/// chosen here, never by joining. Every member must be in the channel's community. New members hear of the channel
/// (<c>channel.created</c> to their connections); removed ones lose its events at once (<c>channel.removed</c>).
/// </summary>
public sealed class PrivateChannels
{
    /// <summary>The event a user's connections get when they are put in a private channel; the payload is the channel.</summary>
    public const string ChannelCreatedEvent = "channel.created";

    private readonly ChatDbContext _db;
    private readonly ChatEvents _events;
    private readonly ChatConnections _connections;
    private readonly TimeProvider _clock;

    internal PrivateChannels(ChatDbContext db, ChatEvents events, ChatConnections connections, TimeProvider clock)
    {
        _db = db;
        _events = events;
        _connections = connections;
        _clock = clock;
    }

    /// <summary>Creates a group in the community owned by <paramref name="ownerId"/> (who must be a member).</summary>
    public async Task<Guid?> CreateGroupAsync(Guid communityId, string name, Guid ownerId, CancellationToken cancellationToken)
    {
        if (!await IsCommunityMemberAsync(communityId, ownerId, cancellationToken))
        {
            return null;
        }
        var now = _clock.GetUtcNow().UtcDateTime;
        var group = new Group { Name = Fit(name), CommunityId = communityId, OwnerId = ownerId, CreatedAt = now, UpdatedAt = now };
        _db.Groups.Add(group);
        _db.GroupMembers.Add(new GroupMember { GroupId = group.Id, UserId = ownerId, Role = GroupRoles.Owner, JoinedAt = now });
        await _db.SaveChangesAsync(cancellationToken);
        return group.Id;
    }

    public Task<bool> GroupExistsAsync(Guid groupId, CancellationToken cancellationToken) =>
        _db.Groups.AnyAsync(g => g.Id == groupId, cancellationToken);

    /// <summary>
    /// Creates a private text channel in the group with <paramref name="creatorId"/> as its owner and
    /// <paramref name="members"/> (those of them in the community) as members; null when the group is gone.
    /// </summary>
    public async Task<Guid?> CreateAsync(Guid groupId, string name, string? topic, Guid creatorId, IEnumerable<Guid> members, CancellationToken cancellationToken)
    {
        var communityId = await _db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => (Guid?)g.CommunityId).FirstOrDefaultAsync(cancellationToken);
        if (communityId is null)
        {
            return null;
        }
        var now = _clock.GetUtcNow().UtcDateTime;
        var channel = new Channel
        {
            Name = Fit(name), Topic = topic, GroupId = groupId, IsPrivate = true, CreatedBy = creatorId, CreatedAt = now, UpdatedAt = now,
        };
        _db.Channels.Add(channel);
        var wanted = members.Append(creatorId).Distinct().ToList();
        var inCommunity = await _db.CommunityMembers.AsNoTracking()
            .Where(m => m.CommunityId == communityId && wanted.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken);
        foreach (var userId in inCommunity)
        {
            _db.ChannelMembers.Add(new ChannelMember
            {
                ChannelId = channel.Id, UserId = userId, Role = userId == creatorId ? GroupRoles.Owner : GroupRoles.Member, JoinedAt = now,
            });
        }
        await _db.SaveChangesAsync(cancellationToken);
        foreach (var userId in inCommunity)
        {
            // Subscribes their live connections and tells their clients (channel.added) to list it.
            await _connections.GrantChannelAsync(userId, channel.Id, cancellationToken);
        }
        await _events.ToUsersAsync(inCommunity, ChannelCreatedEvent, ChannelView.From(channel), cancellationToken);
        return channel.Id;
    }

    /// <summary>The community a group channel belongs to; null for a DM or no such channel.</summary>
    public Task<Guid?> CommunityOfAsync(Guid channelId, CancellationToken cancellationToken) =>
        _db.Channels.AsNoTracking().Where(c => c.Id == channelId && c.GroupId != null)
            .Join(_db.Groups, c => c.GroupId, g => g.Id, (c, g) => (Guid?)g.CommunityId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The channel's members.</summary>
    public async Task<IReadOnlyList<Guid>> MembersAsync(Guid channelId, CancellationToken cancellationToken) =>
        await _db.ChannelMembers.AsNoTracking().Where(m => m.ChannelId == channelId).Select(m => m.UserId).ToListAsync(cancellationToken);

    /// <summary>Puts a member of the channel's community in the channel; false when they are not in the community (or no such channel).</summary>
    public async Task<bool> AddMemberAsync(Guid channelId, Guid userId, CancellationToken cancellationToken)
    {
        var channel = await _db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId && c.GroupId != null, cancellationToken);
        if (channel is null)
        {
            return false;
        }
        var communityId = await _db.Groups.AsNoTracking().Where(g => g.Id == channel.GroupId).Select(g => g.CommunityId).FirstAsync(cancellationToken);
        if (!await IsCommunityMemberAsync(communityId, userId, cancellationToken))
        {
            return false;
        }
        if (await _db.ChannelMembers.AnyAsync(m => m.ChannelId == channelId && m.UserId == userId, cancellationToken))
        {
            return true;
        }
        var member = new ChannelMember { ChannelId = channelId, UserId = userId, Role = GroupRoles.Member, JoinedAt = _clock.GetUtcNow().UtcDateTime };
        _db.ChannelMembers.Add(member);
        try
        {
            await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Added twice at once: in either way.
            _db.ChangeTracker.Clear();
            return true;
        }
        var view = new ChannelMemberView(member.UserId, member.Role, member.JoinedAt);
        await _events.ToChannelAsync(channelId, ChatEventNames.ChannelMemberJoined, new ChannelMemberJoined(channelId, view), cancellationToken);
        await _connections.GrantChannelAsync(userId, channelId, cancellationToken);
        await _events.ToUserAsync(userId, ChannelCreatedEvent, ChannelView.From(channel), cancellationToken);
        return true;
    }

    /// <summary>Takes the user out of the channel; their connections stop receiving it at once.</summary>
    public async Task<bool> RemoveMemberAsync(Guid channelId, Guid userId, CancellationToken cancellationToken)
    {
        var removed = await _db.ChannelMembers.Where(m => m.ChannelId == channelId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return false;
        }
        await _connections.RevokeChannelAsync(userId, channelId, cancellationToken);
        await _events.ToChannelAsync(channelId, ChatEventNames.ChannelMemberLeft, new ChannelMemberLeft(channelId, userId), cancellationToken);
        return true;
    }

    /// <summary>Archives the channel: kept and readable by its members, nobody posts in it any more.</summary>
    public async Task ArchiveAsync(Guid channelId, CancellationToken cancellationToken)
    {
        var channel = await _db.Channels.FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null || channel.Archived)
        {
            return;
        }
        channel.Archived = true;
        channel.UpdatedAt = _clock.GetUtcNow().UtcDateTime;
        await _db.SaveChangesAsync(cancellationToken);
    }

    private Task<bool> IsCommunityMemberAsync(Guid communityId, Guid userId, CancellationToken cancellationToken) =>
        _db.CommunityMembers.AnyAsync(m => m.CommunityId == communityId && m.UserId == userId, cancellationToken);

    private static string Fit(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length == 0 ? "ticket" : trimmed.Length > 64 ? trimmed[..64] : trimmed;
    }
}
