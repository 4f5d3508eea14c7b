using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Communities;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Groups;

/// <summary>
/// Group membership (<c>/api/chat/groups/{id}/join|leave|members</c>): any member of the community joins
/// or leaves a group; the group's owner and admins set roles. Only the owner hands on ownership (the old
/// owner becomes an admin), and the owner cannot leave without handing it on first. Changes go to the
/// community group, as structure does.
/// </summary>
internal static class GroupMembershipApi
{
    private static readonly string[] Roles = [GroupRoles.Owner, GroupRoles.Admin, GroupRoles.Member];

    public static void MapGroupMembership(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/chat/groups/{groupId:guid}").WithTags("Chat: groups").RequirePermission(Permissions.Account);

        group.MapPost("/join", async Task<Results<Ok<GroupMemberView>, ProblemHttpResult>> (
            Guid groupId, HttpContext context, ChatDbContext db, ChatEvents events, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (found, problem) = await ResolveAsync(db, groupId, userId, cancellationToken);
            if (found is null)
            {
                return problem!;
            }
            var existing = await db.GroupMembers.AsNoTracking().FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken);
            if (existing is not null)
            {
                return TypedResults.Ok(GroupMemberView.From(existing));
            }
            var member = new GroupMember { GroupId = groupId, UserId = userId, Role = GroupRoles.Member, JoinedAt = clock.GetUtcNow().UtcDateTime };
            db.GroupMembers.Add(member);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A concurrent join of the same user won; joining is idempotent.
                db.ChangeTracker.Clear();
                return TypedResults.Ok(GroupMemberView.From(await db.GroupMembers.AsNoTracking().FirstAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken)));
            }
            var view = GroupMemberView.From(member);
            await events.ToCommunityAsync(found.CommunityId, ChatEventNames.GroupMemberJoined, view, cancellationToken);
            return TypedResults.Ok(view);
        });

        group.MapPost("/leave", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid groupId, HttpContext context, ChatDbContext db, ChatEvents events, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var found = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
            if (found is null)
            {
                return GroupNotFound();
            }
            var member = await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken);
            if (member is null)
            {
                return NotAGroupMember();
            }
            if (member.Role == GroupRoles.Owner)
            {
                return ApiProblem.Conflict("owner_cannot_leave", "Hand the group on to another member before leaving it.");
            }
            db.GroupMembers.Remove(member);
            await db.SaveChangesAsync(cancellationToken);
            await events.ToCommunityAsync(found.CommunityId, ChatEventNames.GroupMemberLeft, new GroupMemberLeft(groupId, userId), cancellationToken);
            return TypedResults.NoContent();
        });

        group.MapGet("/members", async Task<Results<Ok<List<GroupMemberView>>, ProblemHttpResult>> (
            Guid groupId, HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (found, problem) = await ResolveAsync(db, groupId, userId, cancellationToken);
            if (found is null)
            {
                return problem!;
            }
            var members = await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == groupId).OrderBy(m => m.JoinedAt).ToListAsync(cancellationToken);
            return TypedResults.Ok(members.Select(GroupMemberView.From).ToList());
        });

        group.MapPut("/members/{memberId:guid}/role", async Task<Results<Ok<GroupMemberView>, ProblemHttpResult>> (
            Guid groupId, Guid memberId, SetGroupRoleRequest body, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (body.Role is null || !Roles.Contains(body.Role, StringComparer.Ordinal))
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["role"] = ["One of owner, admin, member."] });
            }
            var (found, problem) = await ResolveAsync(db, groupId, userId, cancellationToken);
            if (found is null)
            {
                return problem!;
            }
            var caller = await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken);
            // Community admins outrank every group in their community, as they do for its channels.
            var communityAdmin = await db.CommunityMembers.AnyAsync(m => m.CommunityId == found.CommunityId && m.UserId == userId
                && (m.Role == CommunityRoles.Admin || m.Role == CommunityRoles.Owner), cancellationToken);
            if (caller?.Role is not (GroupRoles.Owner or GroupRoles.Admin) && !communityAdmin)
            {
                return ApiProblem.Forbidden("forbidden_role", "Only the group's owner and admins, or community admins, set roles.");
            }
            var target = await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == memberId, cancellationToken);
            if (target is null)
            {
                return ApiProblem.NotFound("group_member_not_found", "That user is not in the group.");
            }
            // Admins manage members and admins; the owner's role, and handing it on, are the owner's alone.
            if ((target.Role == GroupRoles.Owner || body.Role == GroupRoles.Owner) && caller?.Role != GroupRoles.Owner)
            {
                return ApiProblem.Forbidden("forbidden_role", "Only the group's owner hands on ownership.");
            }
            if (target.UserId == userId && caller?.Role == GroupRoles.Owner && body.Role != GroupRoles.Owner)
            {
                return ApiProblem.Conflict("owner_required", "A group keeps an owner: make another member owner instead.");
            }
            var changed = new List<GroupMember> { target };
            if (body.Role == GroupRoles.Owner && target.UserId != userId)
            {
                caller!.Role = GroupRoles.Admin;
                changed.Add(caller);
                var tracked = await db.Groups.FirstAsync(g => g.Id == groupId, cancellationToken);
                tracked.OwnerId = target.UserId;
                tracked.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            }
            target.Role = body.Role;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.group.role_changed", new { group_id = groupId, user_id = memberId, role = body.Role }, cancellationToken: cancellationToken);
            foreach (var member in changed)
            {
                await events.ToCommunityAsync(found.CommunityId, ChatEventNames.GroupMemberUpdated, GroupMemberView.From(member), cancellationToken);
            }
            return TypedResults.Ok(GroupMemberView.From(target));
        });
    }

    private static ProblemHttpResult GroupNotFound() => ApiProblem.NotFound("group_not_found", "No such group.");

    private static ProblemHttpResult NotAGroupMember() => ApiProblem.Forbidden("not_a_group_member", "You are not in this group.");

    /// <summary>The group, if the caller is a member of its community.</summary>
    private static async Task<(Group? Group, ProblemHttpResult? Problem)> ResolveAsync(
        ChatDbContext db, Guid groupId, Guid userId, CancellationToken cancellationToken)
    {
        var found = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (found is null)
        {
            return (null, GroupNotFound());
        }
        if (!await db.CommunityMembers.AnyAsync(m => m.CommunityId == found.CommunityId && m.UserId == userId, cancellationToken))
        {
            return (null, CommunityAccess.NotAMember());
        }
        return (found, null);
    }
}
