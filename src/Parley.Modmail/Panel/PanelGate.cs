using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Modmail.Desks;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Panel;

/// <summary>A signed-in person at a desk's panel, with the permissions they hold there.</summary>
internal sealed record PanelCaller(SupportDesk Desk, Guid UserId, IReadOnlySet<string> Held)
{
    public bool IsSuperAdmin => Held.Contains("*");

    public bool Holds(string permission) => IsSuperAdmin || Held.Contains(permission);
}

/// <summary>
/// The door every panel endpoint goes through: a signed-in user (an API key is nobody: 403 <c>user_required</c>), the
/// desk (404), the panel permission the endpoint needs (403 <c>panel_permission_required</c>), via <see cref="PanelAccess"/>.
/// Records the caller's panel session on the way. The desk comes back tracked, so a settings change saves it.
/// </summary>
internal sealed class PanelGate(ModmailDbContext db, PanelAccess access, PanelSessions sessions)
{
    /// <param name="permission">The panel permission needed; null: any signed-in user (e.g. "what may I do here").</param>
    public async Task<(PanelCaller? Caller, ProblemHttpResult? Problem)> EnterAsync(
        ClaimsPrincipal user, Guid deskId, string? permission, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return (null, ApiProblem.UserRequired());
        }
        await sessions.RecordAsync(user, cancellationToken);
        var desk = await db.Desks.FirstOrDefaultAsync(d => d.Id == deskId, cancellationToken);
        if (desk is null)
        {
            return (null, PanelProblems.DeskNotFound());
        }
        var held = await access.PermissionsAsync(desk, userId, cancellationToken);
        var caller = new PanelCaller(desk, userId, held);
        if (permission is not null && !caller.Holds(permission))
        {
            return (null, PanelProblems.PermissionRequired(permission));
        }
        return (caller, null);
    }

    /// <summary>For server-wide panel administration (panel sessions): super admins only.</summary>
    public async Task<(Guid? UserId, ProblemHttpResult? Problem)> EnterAsSuperAdminAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return (null, ApiProblem.UserRequired());
        }
        await sessions.RecordAsync(user, cancellationToken);
        return await access.IsSuperAdminAsync(userId, cancellationToken) ? (userId, null) : (null, PanelProblems.SuperAdminRequired());
    }
}
