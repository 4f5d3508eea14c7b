using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.Presence;

/// <summary>
/// Changes a user's presence (Core's <c>users.status</c> / <c>users.custom_status</c>) and tells the
/// people who share a community or a DM with them (<c>presence</c> to their user groups; the user's own
/// connections get the real status, others see <c>invisible</c> as <c>offline</c>). The rules:
/// <list type="bullet">
/// <item>the user sets online, idle, dnd, invisible or offline (HTTP or the hub); that is stored as is;</item>
/// <item>connecting turns <c>offline</c> into <c>online</c> and leaves a chosen idle, dnd or invisible alone;</item>
/// <item>the last connection on a node closing turns online and idle into <c>offline</c>; dnd and invisible
/// are kept, so the choice holds at the next connect (a dnd user with no connection still shows dnd).</item>
/// </list>
/// </summary>
internal sealed class PresenceChanges(ChatDbContext db, CoreDbContext core, ChatEvents events)
{
    public static Refusal? Check(string? status, string? customStatus)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is null || !PresenceStatuses.All.Contains(status))
        {
            errors["status"] = [$"one of {string.Join(", ", PresenceStatuses.All)}"];
        }
        if (customStatus is { Length: > PresenceStatuses.MaxCustomStatusLength })
        {
            errors["custom_status"] = [$"at most {PresenceStatuses.MaxCustomStatusLength} characters"];
        }
        return errors.Count == 0 ? null : new Refusal(400, "validation_failed", "One or more fields are invalid.", errors);
    }

    /// <summary>Stores the user's chosen presence (already <see cref="Check"/>ed) and announces it.</summary>
    public async Task<PresenceView> SetAsync(Guid userId, string status, string? customStatus, CancellationToken cancellationToken)
    {
        var custom = string.IsNullOrWhiteSpace(customStatus) ? null : customStatus.Trim();
        await core.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, status).SetProperty(u => u.CustomStatus, custom), cancellationToken);
        var view = new PresenceView(userId, status, custom);
        await AnnounceAsync(view, cancellationToken);
        return view;
    }

    public async Task ConnectedAsync(Guid userId, CancellationToken cancellationToken)
    {
        var updated = await core.Users.Where(u => u.Id == userId && u.Status == PresenceStatuses.Offline)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, PresenceStatuses.Online), cancellationToken);
        if (updated > 0)
        {
            await AnnounceAsync(await CurrentAsync(userId, cancellationToken), cancellationToken);
        }
    }

    public async Task LastDisconnectedAsync(Guid userId, CancellationToken cancellationToken)
    {
        var updated = await core.Users.Where(u => u.Id == userId && (u.Status == PresenceStatuses.Online || u.Status == PresenceStatuses.Idle))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, PresenceStatuses.Offline), cancellationToken);
        if (updated > 0)
        {
            await AnnounceAsync(await CurrentAsync(userId, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Everyone who shares a community or a DM with <paramref name="userId"/>, not counting them.</summary>
    public async Task<List<Guid>> ContactsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var communities = db.CommunityMembers.Where(m => m.UserId == userId).Select(m => m.CommunityId);
        var inCommunities = db.CommunityMembers.Where(m => communities.Contains(m.CommunityId)).Select(m => m.UserId);
        var dms = db.ChannelMembers.Where(m => m.UserId == userId && db.Channels.Any(c => c.Id == m.ChannelId && c.ChannelType == ChannelTypes.Dm)).Select(m => m.ChannelId);
        var inDms = db.ChannelMembers.Where(m => dms.Contains(m.ChannelId)).Select(m => m.UserId);
        return await inCommunities.Union(inDms).Where(id => id != userId).ToListAsync(cancellationToken);
    }

    private async Task<PresenceView> CurrentAsync(Guid userId, CancellationToken cancellationToken) =>
        await core.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new PresenceView(u.Id, u.Status, u.CustomStatus)).FirstAsync(cancellationToken);

    private async Task AnnounceAsync(PresenceView own, CancellationToken cancellationToken)
    {
        await events.ToUserAsync(own.UserId, ChatEventNames.Presence, own, cancellationToken);
        var contacts = await ContactsAsync(own.UserId, cancellationToken);
        if (contacts.Count > 0)
        {
            await events.ToUsersAsync(contacts, ChatEventNames.Presence, PresenceStatuses.AsSeenByOthers(own), cancellationToken);
        }
    }
}
