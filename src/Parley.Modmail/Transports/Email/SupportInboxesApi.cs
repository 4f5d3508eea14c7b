using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Mail.Inboxes;
using Parley.Modmail.Desks;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Transports.Email;

/// <summary>The body of <c>PUT …/support-inboxes/{inboxId}</c>: both fields optional; an empty display name means the inbox's own name.</summary>
internal sealed record SupportInboxRequest(string? DisplayName, bool? Enabled);

internal sealed record SupportInboxView(Guid InboxId, Guid DeskId, string? Address, string? InboxName, string? DisplayName, bool Enabled, DateTime CreatedAt);

/// <summary>
/// A desk's support inboxes (<c>/api/modmail/desks/{deskId}/support-inboxes</c>): which Mail inboxes feed the desk's
/// tickets. Users holding <see cref="PanelPermissions.EditConfig"/> at the desk (super admins included) may list, mark
/// and unmark them; the inbox must exist in Mail, and an inbox serves one desk at most.
/// </summary>
internal static class SupportInboxesApi
{
    public const int MaxDisplayNameLength = 128;

    public static void MapSupportInboxes(this IEndpointRouteBuilder endpoints)
    {
        var inboxes = endpoints.MapGroup("/api/modmail/desks/{deskId:guid}/support-inboxes")
            .WithTags("Modmail: email").RequirePermission(Permissions.Account);

        inboxes.MapGet("", async Task<Results<Ok<List<SupportInboxView>>, ProblemHttpResult>> (
            Guid deskId, HttpContext context, ModmailDbContext db, PanelAccess access, InboxDirectory directory, CancellationToken cancellationToken) =>
        {
            var (desk, problem) = await DeskForEditorAsync(deskId, context, db, access, cancellationToken);
            if (desk is null)
            {
                return problem!;
            }
            var rows = await db.SupportInboxes.AsNoTracking().Where(i => i.DeskId == deskId).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
            var views = new List<SupportInboxView>();
            foreach (var row in rows)
            {
                views.Add(View(row, await directory.FindAsync(row.InboxId, cancellationToken)));
            }
            return TypedResults.Ok(views);
        });

        inboxes.MapPut("/{inboxId:guid}", async Task<Results<Ok<SupportInboxView>, Created<SupportInboxView>, ProblemHttpResult>> (
            Guid deskId, Guid inboxId, SupportInboxRequest body, HttpContext context, ModmailDbContext db, PanelAccess access,
            InboxDirectory directory, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (desk, problem) = await DeskForEditorAsync(deskId, context, db, access, cancellationToken);
            if (desk is null)
            {
                return problem!;
            }
            var displayName = string.IsNullOrWhiteSpace(body.DisplayName) ? null : body.DisplayName.Trim();
            if (displayName is not null && (displayName.Length > MaxDisplayNameLength || displayName.Any(char.IsControl)))
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["display_name"] = [$"One line of at most {MaxDisplayNameLength} characters."] });
            }
            var inbox = await directory.FindAsync(inboxId, cancellationToken);
            if (inbox is null)
            {
                return ApiProblem.NotFound("inbox_not_found", "No such Mail inbox.");
            }
            var row = await db.SupportInboxes.FirstOrDefaultAsync(i => i.InboxId == inboxId, cancellationToken);
            if (row is not null && row.DeskId != deskId)
            {
                return ApiProblem.Conflict("inbox_in_use", "This inbox is already a support inbox of another desk.");
            }
            var created = row is null;
            row ??= db.SupportInboxes.Add(new SupportInbox { InboxId = inboxId, DeskId = deskId, CreatedAt = clock.GetUtcNow().UtcDateTime }).Entity;
            if (body.DisplayName is not null || created)
            {
                row.DisplayName = displayName;
            }
            row.Enabled = body.Enabled ?? row.Enabled;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (created)
            {
                // Another request marked the same inbox at the same moment.
                return ApiProblem.Conflict("inbox_in_use", "This inbox was just marked as a support inbox.");
            }
            await audit.RecordAsync("modmail.support_inbox.set", new { desk_id = deskId, inbox_id = inboxId, enabled = row.Enabled, created },
                context.User.UserId(), cancellationToken: cancellationToken);
            var view = View(row, inbox);
            return created ? TypedResults.Created($"/api/modmail/desks/{deskId}/support-inboxes/{inboxId}", view) : TypedResults.Ok(view);
        });

        inboxes.MapDelete("/{inboxId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid deskId, Guid inboxId, HttpContext context, ModmailDbContext db, PanelAccess access, AuditLog audit, CancellationToken cancellationToken) =>
        {
            var (desk, problem) = await DeskForEditorAsync(deskId, context, db, access, cancellationToken);
            if (desk is null)
            {
                return problem!;
            }
            var removed = await db.SupportInboxes.Where(i => i.InboxId == inboxId && i.DeskId == deskId).ExecuteDeleteAsync(cancellationToken);
            if (removed == 0)
            {
                return ApiProblem.NotFound("support_inbox_not_found", "This inbox is not a support inbox of the desk.");
            }
            await audit.RecordAsync("modmail.support_inbox.removed", new { desk_id = deskId, inbox_id = inboxId }, context.User.UserId(), cancellationToken: cancellationToken);
            return TypedResults.NoContent();
        });
    }

    /// <summary>The desk, when the caller is a user holding <c>edit_config</c> there; else the problem to answer.</summary>
    private static async Task<(SupportDesk? Desk, ProblemHttpResult? Problem)> DeskForEditorAsync(
        Guid deskId, HttpContext context, ModmailDbContext db, PanelAccess access, CancellationToken cancellationToken)
    {
        if (context.User.UserId() is not { } userId)
        {
            return (null, ApiProblem.UserRequired());
        }
        var desk = await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deskId, cancellationToken);
        if (desk is null)
        {
            return (null, ApiProblem.NotFound("desk_not_found", "No such support desk."));
        }
        if (!await access.HoldsAsync(desk, userId, PanelPermissions.EditConfig, cancellationToken))
        {
            return (null, ApiProblem.Forbidden("panel_permission_required", $"Changing the desk's support inboxes needs the '{PanelPermissions.EditConfig}' panel permission."));
        }
        return (desk, null);
    }

    private static SupportInboxView View(SupportInbox row, InboxInfo? inbox) =>
        new(row.InboxId, row.DeskId, inbox?.Address, inbox?.Name, row.DisplayName, row.Enabled, row.CreatedAt);
}
