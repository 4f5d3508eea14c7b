using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Communities;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Groups;

/// <summary><c>/api/chat/communities/{id}/groups</c>: create (by <c>who_can_create_groups</c>) and list.</summary>
internal static class GroupsApi
{
    public static void MapGroups(this IEndpointRouteBuilder endpoints)
    {
        var groups = endpoints.MapGroup("/api/chat/communities/{id:guid}/groups").WithTags("Chat: groups").RequirePermission(Permissions.Account);

        groups.MapPost("", async Task<Results<Created<GroupView>, ProblemHttpResult>> (
            Guid id, CreateGroupRequest body, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, id, userId, CommunityRoles.Member, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            if (!CommunityRoles.AtLeast(access.Role, access.Community.WhoCanCreateGroups))
            {
                return CommunityAccess.ForbiddenRole(access.Community.WhoCanCreateGroups);
            }
            if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > 64)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["name"] = ["must be 1 to 64 characters"] });
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var group = new Group { Name = body.Name.Trim(), Description = body.Description, CommunityId = id, OwnerId = userId, CreatedAt = now, UpdatedAt = now };
            db.Groups.Add(group);
            db.GroupMembers.Add(new GroupMember { GroupId = group.Id, UserId = userId, Role = GroupRoles.Owner, JoinedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/chat/communities/{id}/groups/{group.Id}", GroupView.From(group));
        });

        groups.MapGet("", async Task<Results<Ok<List<GroupView>>, ProblemHttpResult>> (
            Guid id, HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, id, userId, CommunityRoles.Member, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var list = await db.Groups.AsNoTracking().Where(g => g.CommunityId == id).OrderBy(g => g.CreatedAt).ToListAsync(cancellationToken);
            return TypedResults.Ok(list.Select(GroupView.From).ToList());
        });
    }
}

internal sealed record CreateGroupRequest(string? Name, string? Description);

internal sealed record GroupView(Guid Id, Guid CommunityId, string Name, string? Description, Guid OwnerId, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static GroupView From(Group g) => new(g.Id, g.CommunityId, g.Name, g.Description, g.OwnerId, g.CreatedAt, g.UpdatedAt);
}
