using Parley.Chat.Communities;
using Parley.Modmail.Desks;
using Parley.Modmail.Panel;

namespace Parley.Modmail.Staff;

/// <summary>
/// Who is staff at a desk: a member of its staff community holding at least the desk's <c>staff_role</c>, or a super
/// admin (<c>Modmail:SuperAdmins</c>). Every staff command and the services behind them ask this first.
/// </summary>
internal sealed class StaffRoster(CommunityDirectory communities, PanelAccess access)
{
    public async Task<bool> IsStaffAsync(SupportDesk desk, Guid userId, CancellationToken cancellationToken)
    {
        var membership = await communities.MembershipAsync(desk.StaffCommunityId, userId, cancellationToken);
        if (membership is not null && CommunityDirectory.RoleAtLeast(membership.Role, desk.StaffRole))
        {
            return true;
        }
        return await access.IsSuperAdminAsync(userId, cancellationToken);
    }

    /// <summary>Whether the user is in the staff community at all (a ticket channel can only take its members).</summary>
    public async Task<bool> IsInStaffCommunityAsync(SupportDesk desk, Guid userId, CancellationToken cancellationToken) =>
        await communities.MembershipAsync(desk.StaffCommunityId, userId, cancellationToken) is not null;
}
