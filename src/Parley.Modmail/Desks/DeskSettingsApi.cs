using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Desks;

/// <summary>
/// A desk's live settings (<c>/api/modmail/desks/{id}</c>): read with <c>view_config</c>, changed with <c>edit_config</c>.
/// Nothing is cached: the engine reads the row each time, so a change applies to the next message. The list
/// (<c>GET /api/modmail/desks</c>) holds the desks where the caller holds any panel permission.
/// </summary>
internal static class DeskSettingsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var desks = endpoints.MapGroup("/api/modmail/desks").WithTags("Modmail: desks").RequirePermission(Permissions.Account);

        desks.MapGet("", async Task<Results<Ok<List<DeskView>>, ProblemHttpResult>> (
            HttpContext context, ModmailDbContext db, PanelAccess access, PanelSessions sessions, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            await sessions.RecordAsync(context.User, cancellationToken);
            var all = await db.Desks.AsNoTracking().OrderBy(d => d.CreatedAt).Take(1000).ToListAsync(cancellationToken);
            var mine = new List<DeskView>();
            foreach (var desk in all)
            {
                if ((await access.PermissionsAsync(desk, userId, cancellationToken)).Count > 0)
                {
                    mine.Add(DeskView.From(desk));
                }
            }
            return TypedResults.Ok(mine);
        });

        desks.MapGet("/{id:guid}", async Task<Results<Ok<DeskView>, ProblemHttpResult>> (
            Guid id, HttpContext context, PanelGate gate, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewConfig, cancellationToken);
            return caller is null ? problem! : TypedResults.Ok(DeskView.From(caller.Desk));
        });

        desks.MapPatch("/{id:guid}", async Task<Results<Ok<DeskView>, ProblemHttpResult>> (
            Guid id, DeskSettingsPatch body, HttpContext context, PanelGate gate, ModmailDbContext db,
            IOptionsMonitor<ModmailOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.EditConfig, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var errors = DeskSettings.Apply(caller.Desk, body, options.CurrentValue.MaxMessageLength, clock.GetUtcNow().UtcDateTime);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(DeskView.From(caller.Desk));
        });
    }
}
