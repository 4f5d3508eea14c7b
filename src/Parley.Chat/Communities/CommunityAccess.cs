using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;
using Parley.Core.Http;

namespace Parley.Chat.Communities;

/// <summary>The community a request acts on and the caller's membership of it.</summary>
internal sealed record CommunityAccess(Community Community, CommunityMember Member)
{
    public string Role => Member.Role;

    /// <summary>
    /// Loads the community (tracked, so handlers can change it) and the caller's membership, or
    /// says why not: 404 <c>community_not_found</c>, 403 <c>not_a_member</c>, 403 <c>forbidden_role</c>
    /// when <paramref name="required"/> is above the caller's role.
    /// </summary>
    public static async Task<(CommunityAccess? Access, ProblemHttpResult? Problem)> ResolveAsync(
        ChatDbContext db, Guid communityId, Guid userId, string required, CancellationToken cancellationToken)
    {
        var community = await db.Communities.FirstOrDefaultAsync(c => c.Id == communityId, cancellationToken);
        if (community is null)
        {
            return (null, ApiProblem.NotFound("community_not_found", "No such community."));
        }
        var member = await db.CommunityMembers.FirstOrDefaultAsync(m => m.CommunityId == communityId && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            return (null, NotAMember());
        }
        return CommunityRoles.AtLeast(member.Role, required)
            ? (new CommunityAccess(community, member), null)
            : (null, ForbiddenRole(required));
    }

    public static ProblemHttpResult NotAMember() =>
        ApiProblem.Forbidden("not_a_member", "You are not a member of this community.");

    public static ProblemHttpResult ForbiddenRole(string required) =>
        ApiProblem.Forbidden("forbidden_role", $"This needs the community role '{required}' or higher.");
}
