using Parley.Chat.Communities;
using Parley.Modmail.Desks;
using Parley.Modmail.Panel;

namespace Parley.Modmail.Staff;

/// <summary>
/// Who is staff at a desk — the one place this is decided: a member of its staff community holding at least the desk's
/// <c>staff_role</c>, or a super admin (<c>Modmail:SuperAdmins</c>). Commands that are about the desk rather than one
/// ticket ask this; whether someone may act on a given ticket is <see cref="TicketAudience.MaySeeAsync"/>, which starts here.
/// </summary>
internal sealed class StaffRoster(CommunityDirectory communities, PanelAccess access)
{
    public async Task<bool> IsStaffAsync(SupportDesk desk, Guid userId, CancellationToken cancellationToken)
    {
        var membership = await communities.MembershipAsync(desk.StaffCommunityId, userId, cancellationToken);
        return HasStaffRole(desk, membership) || await access.IsSuperAdminAsync(userId, cancellationToken);
    }

    /// <summary>The members of the staff community holding at least the staff role (super admins aside).</summary>
    public Task<IReadOnlyList<CommunityMembership>> MembersWithStaffRoleAsync(SupportDesk desk, CancellationToken cancellationToken) =>
        communities.MembersAtLeastAsync(desk.StaffCommunityId, desk.StaffRole, cancellationToken);

    /// <summary>Whether a membership of the staff community (or none) carries the desk's staff role.</summary>
    public static bool HasStaffRole(SupportDesk desk, CommunityMembership? membership) =>
        membership is not null && membership.CommunityId == desk.StaffCommunityId && CommunityDirectory.RoleAtLeast(membership.Role, desk.StaffRole);

    /// <summary>Whether the user is in the staff community at all (a ticket channel can only take its members).</summary>
    public async Task<bool> IsInStaffCommunityAsync(SupportDesk desk, Guid userId, CancellationToken cancellationToken) =>
        await communities.MembershipAsync(desk.StaffCommunityId, userId, cancellationToken) is not null;
}
