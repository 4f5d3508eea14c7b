using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;

namespace Parley.Chat.Communities;

/// <summary>A member of a community as other modules see it: the role is one of <c>member</c>, <c>moderator</c>, <c>admin</c>, <c>owner</c>.</summary>
public sealed record CommunityMembership(Guid CommunityId, Guid UserId, string Role, string? Nickname);

/// <summary>
/// Chat's public answers about communities for other modules (Modmail's staff and panel permissions): who is in a
/// community and with which role. Read-only; changes go through Chat's API.
/// </summary>
public sealed class CommunityDirectory(ChatDbContext db)
{
    public Task<bool> ExistsAsync(Guid communityId, CancellationToken cancellationToken) =>
        db.Communities.AnyAsync(c => c.Id == communityId, cancellationToken);

    public Task<string?> NameOfAsync(Guid communityId, CancellationToken cancellationToken) =>
        db.Communities.Where(c => c.Id == communityId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The user's membership, or null when they are not a member.</summary>
    public Task<CommunityMembership?> MembershipAsync(Guid communityId, Guid userId, CancellationToken cancellationToken) =>
        db.CommunityMembers.AsNoTracking()
            .Where(m => m.CommunityId == communityId && m.UserId == userId)
            .Select(m => new CommunityMembership(m.CommunityId, m.UserId, m.Role, m.Nickname))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Members whose role is <paramref name="role"/> or higher (e.g. every moderator, admin and owner).</summary>
    public async Task<IReadOnlyList<CommunityMembership>> MembersAtLeastAsync(Guid communityId, string role, CancellationToken cancellationToken)
    {
        var roles = CommunityRoles.All.Where(r => CommunityRoles.AtLeast(r, role)).ToList();
        return await db.CommunityMembers.AsNoTracking()
            .Where(m => m.CommunityId == communityId && roles.Contains(m.Role))
            .OrderBy(m => m.JoinedAt)
            .Select(m => new CommunityMembership(m.CommunityId, m.UserId, m.Role, m.Nickname))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="role"/> ranks at least <paramref name="required"/>; unknown roles rank below everything.</summary>
    public static bool RoleAtLeast(string? role, string required) => CommunityRoles.AtLeast(role, required);

    public static bool IsRole(string? role) => CommunityRoles.IsKnown(role);
}
