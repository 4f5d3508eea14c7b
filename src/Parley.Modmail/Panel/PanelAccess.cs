using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Communities;
using Parley.Core.Storage;
using Parley.Modmail.Desks;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Panel;

/// <summary>
/// Whether a user holds a permission at a desk — a panel permission (<see cref="PanelPermissions"/>) or a category's
/// custom one: super admins (<c>Modmail:SuperAdmins</c>, by username or id) hold all; otherwise a
/// <c>panel_permissions</c> row for the user, or for their role in the desk's staff community (a role grant counts
/// for that role and every role above it).
/// </summary>
internal sealed class PanelAccess(ModmailDbContext db, CoreDbContext core, CommunityDirectory communities, IOptionsMonitor<ModmailOptions> options)
{
    public async Task<bool> IsSuperAdminAsync(Guid userId, CancellationToken cancellationToken)
    {
        var admins = options.CurrentValue.SuperAdmins;
        if (admins.Count == 0)
        {
            return false;
        }
        if (admins.Contains(userId.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }
        var username = await core.Users.Where(u => u.Id == userId).Select(u => u.Username).FirstOrDefaultAsync(cancellationToken);
        return username is not null && admins.Contains(username, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The permissions the user holds at the desk (super admins: every panel permission and "*").</summary>
    public async Task<IReadOnlySet<string>> PermissionsAsync(SupportDesk desk, Guid userId, CancellationToken cancellationToken)
    {
        if (await IsSuperAdminAsync(userId, cancellationToken))
        {
            return new HashSet<string>([.. PanelPermissions.All, "*"], StringComparer.Ordinal);
        }
        var membership = await communities.MembershipAsync(desk.StaffCommunityId, userId, cancellationToken);
        var user = userId.ToString();
        var grants = await db.PanelPermissions.AsNoTracking()
            .Where(p => (p.SubjectType == "user" && p.SubjectId == user) || p.SubjectType == "role")
            .Select(p => new { p.SubjectType, p.SubjectId, p.Permission })
            .ToListAsync(cancellationToken);
        return grants
            .Where(g => g.SubjectType == "user" || (membership is not null && CommunityDirectory.RoleAtLeast(membership.Role, g.SubjectId)))
            .Select(g => g.Permission)
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> HoldsAsync(SupportDesk desk, Guid userId, string permission, CancellationToken cancellationToken)
    {
        var held = await PermissionsAsync(desk, userId, cancellationToken);
        return held.Contains("*") || held.Contains(permission);
    }
}
