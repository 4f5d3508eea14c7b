using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Panel;

internal sealed record PanelPermissionView(long Id, string SubjectType, string SubjectId, string Permission, string GrantedBy, long GrantedAt)
{
    public static PanelPermissionView From(PanelPermission p) => new(p.Id, p.SubjectType, p.SubjectId, p.Permission, p.GrantedBy, p.GrantedAt);
}

/// <param name="SubjectType"><c>user</c> or <c>role</c>.</param>
/// <param name="SubjectId">A user id, or a community role (<c>moderator</c>, <c>admin</c>, <c>owner</c>, <c>member</c>).</param>
/// <param name="Permission">A panel permission or a category's custom permission name.</param>
internal sealed record GrantRequest(string? SubjectType, string? SubjectId, string? Permission);

/// <summary>What the caller may do at a desk: the web app shows and hides parts of the panel by it.</summary>
internal sealed record MyPanelView(Guid DeskId, bool SuperAdmin, IReadOnlyList<string> Permissions);

/// <summary>
/// Panel administration: grants in <c>panel_permissions</c> (<c>/api/modmail/desks/{id}/permissions</c>, with
/// <c>edit_config</c> — super admins hold it). Grants are the seed's rows: a user grant holds at every desk, a role grant
/// at each desk for that role of the desk's staff community (and the roles above). <c>GET …/me</c> needs no permission.
/// </summary>
internal static class PermissionsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var desk = endpoints.MapGroup("/api/modmail/desks/{id:guid}").WithTags("Modmail: panel permissions").RequirePermission(Permissions.Account);

        desk.MapGet("/me", async Task<Results<Ok<MyPanelView>, ProblemHttpResult>> (
            Guid id, HttpContext context, PanelGate gate, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, null, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var held = caller.Held.Where(p => p != "*").Order(StringComparer.Ordinal).ToList();
            return TypedResults.Ok(new MyPanelView(id, caller.IsSuperAdmin, held));
        });

        desk.MapGet("/permissions", async Task<Results<Ok<List<PanelPermissionView>>, ProblemHttpResult>> (
            Guid id, HttpContext context, PanelGate gate, ModmailDbContext db, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.EditConfig, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var rows = await db.PanelPermissions.AsNoTracking().OrderBy(p => p.SubjectType).ThenBy(p => p.SubjectId).ThenBy(p => p.Permission)
                .Take(5000).ToListAsync(cancellationToken);
            return TypedResults.Ok(rows.Select(PanelPermissionView.From).ToList());
        });

        desk.MapPost("/permissions", async Task<Results<Created<PanelPermissionView>, ProblemHttpResult>> (
            Guid id, GrantRequest body, HttpContext context, PanelGate gate, ModmailDbContext db, CoreDbContext core, GrantedChannels granted,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.EditConfig, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            string? subject = null;
            switch (body.SubjectType)
            {
                case "user":
                    if (Guid.TryParse(body.SubjectId, out var userId) && await core.Users.AnyAsync(u => u.Id == userId, cancellationToken))
                    {
                        subject = userId.ToString("D");
                    }
                    else
                    {
                        errors["subject_id"] = ["The id of an existing user."];
                    }
                    break;
                case "role":
                    if (DeskSettings.IsCommunityRole(body.SubjectId))
                    {
                        subject = body.SubjectId;
                    }
                    else
                    {
                        errors["subject_id"] = ["A community role: member, moderator, admin or owner."];
                    }
                    break;
                default:
                    errors["subject_type"] = ["user or role."];
                    break;
            }
            if (!PermissionNames.IsValid(body.Permission))
            {
                errors["permission"] = ["A panel permission (" + string.Join(", ", PanelPermissions.All) + ") or a category's permission name."];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            if (await db.PanelPermissions.AnyAsync(p => p.SubjectType == body.SubjectType && p.SubjectId == subject && p.Permission == body.Permission, cancellationToken))
            {
                return Exists();
            }
            var grant = new PanelPermission
            {
                SubjectType = body.SubjectType!,
                SubjectId = subject!,
                Permission = body.Permission!,
                GrantedBy = caller.UserId.ToString("D"),
                GrantedAt = clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            db.PanelPermissions.Add(grant);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Exists();
            }
            await granted.FollowAsync(grant.Permission, cancellationToken);
            return TypedResults.Created($"/api/modmail/desks/{id}/permissions/{grant.Id}", PanelPermissionView.From(grant));
        });

        desk.MapDelete("/permissions/{permissionId:long}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, long permissionId, HttpContext context, PanelGate gate, ModmailDbContext db, GrantedChannels granted, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.EditConfig, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var permission = await db.PanelPermissions.Where(p => p.Id == permissionId).Select(p => p.Permission).FirstOrDefaultAsync(cancellationToken);
            if (permission is null || await db.PanelPermissions.Where(p => p.Id == permissionId).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                return ApiProblem.NotFound("permission_not_found", "No such grant.");
            }
            await granted.FollowAsync(permission, cancellationToken);
            return TypedResults.NoContent();
        });
    }

    private static ProblemHttpResult Exists() => ApiProblem.Conflict("permission_exists", "That grant exists.");
}

/// <summary>Panel sessions (<c>/api/modmail/panel-sessions</c>): super admins list them and revoke one (which signs that session out of Parley).</summary>
internal static class PanelSessionsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var sessions = endpoints.MapGroup("/api/modmail/panel-sessions").WithTags("Modmail: panel sessions").RequirePermission(Permissions.Account);

        sessions.MapGet("", async Task<Results<Ok<IReadOnlyList<PanelSessionView>>, ProblemHttpResult>> (
            HttpContext context, PanelGate gate, PanelSessions panelSessions, CancellationToken cancellationToken) =>
        {
            var (admin, problem) = await gate.EnterAsSuperAdminAsync(context.User, cancellationToken);
            return admin is null ? problem! : TypedResults.Ok(await panelSessions.ListAsync(cancellationToken));
        });

        sessions.MapDelete("/{sessionId}", async Task<Results<NoContent, ProblemHttpResult>> (
            string sessionId, HttpContext context, PanelGate gate, PanelSessions panelSessions, CancellationToken cancellationToken) =>
        {
            var (admin, problem) = await gate.EnterAsSuperAdminAsync(context.User, cancellationToken);
            if (admin is null)
            {
                return problem!;
            }
            return await panelSessions.RevokeAsync(sessionId, cancellationToken)
                ? TypedResults.NoContent()
                : ApiProblem.NotFound("panel_session_not_found", "No such panel session.");
        });
    }
}
