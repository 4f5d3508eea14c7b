using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.Moderation;

/// <summary>
/// Reports: any user reports a message or file they can see, or any user (<c>POST /api/chat/reports</c>);
/// a community's staff list the reports whose target lies in their community and work them through
/// <see cref="ReportWorkflow"/> (<c>/api/chat/communities/{id}/reports</c>, <c>PATCH /api/chat/reports/{id}</c>).
/// </summary>
internal static class ReportsApi
{
    public static void MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/chat/reports", async Task<Results<Created<ReportView>, ProblemHttpResult>> (
            ReportRequest body, HttpContext context, ChatDbContext db, CoreDbContext core, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var errors = new Dictionary<string, string[]>();
            if (body.ReportType is null || !ReportTypes.All.Contains(body.ReportType))
            {
                errors["report_type"] = ["must be message, user or file"];
            }
            if (body.TargetId is null)
            {
                errors["target_id"] = ["required"];
            }
            if (!ModerationLimits.IsValidReason(body.Reason, required: true))
            {
                errors["reason"] = [$"required, at most {ModerationLimits.MaxReasonLength} characters"];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var targetId = body.TargetId!.Value;
            var now = clock.GetUtcNow().UtcDateTime;
            if (!await CanSeeAsync(db, core, body.ReportType!, targetId, userId, now, cancellationToken))
            {
                return ApiProblem.NotFound("report_target_not_found", "Nothing you can see has that id.");
            }
            var report = new Report { ReporterId = userId, ReportType = body.ReportType!, TargetId = targetId, Reason = body.Reason!, CreatedAt = now };
            db.Reports.Add(report);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/chat/reports/{report.Id}", ReportView.From(report));
        }).WithTags("Chat: moderation").RequirePermission(Permissions.Account);

        endpoints.MapGet("/api/chat/communities/{communityId:guid}/reports", async Task<Results<Ok<List<ReportView>>, ProblemHttpResult>> (
            Guid communityId, string? status, HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (status is not null && status is not (ReportStatuses.Pending or ReportStatuses.Reviewed or ReportStatuses.Resolved or ReportStatuses.Dismissed))
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["status"] = ["must be pending, reviewed, resolved or dismissed"] });
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, communityId, userId, CommunityRoles.Moderator, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var reports = db.Reports.AsNoTracking().Where(r => status == null || r.Status == status);
            var found = await ReportScope.In(db, reports, db.Communities.Where(c => c.Id == communityId).Select(c => c.Id), userId)
                .OrderByDescending(r => r.CreatedAt).Take(500).ToListAsync(cancellationToken);
            return TypedResults.Ok(found.Select(ReportView.From).ToList());
        }).WithTags("Chat: moderation").RequirePermission(Permissions.Account);

        endpoints.MapPatch("/api/chat/reports/{reportId:guid}", async Task<Results<Ok<ReportView>, ProblemHttpResult>> (
            Guid reportId, ReportUpdateRequest body, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var errors = new Dictionary<string, string[]>();
            if (body.Status is not (ReportStatuses.Reviewed or ReportStatuses.Resolved or ReportStatuses.Dismissed))
            {
                errors["status"] = ["must be reviewed, resolved or dismissed"];
            }
            if (!ModerationLimits.IsValidReason(body.AdminNotes, required: false))
            {
                errors["admin_notes"] = [$"at most {ModerationLimits.MaxReasonLength} characters"];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var report = await ReportScope.In(db, db.Reports.Where(r => r.Id == reportId), ReportScope.ModeratedBy(db, userId), userId)
                .FirstOrDefaultAsync(cancellationToken);
            if (report is null)
            {
                // Not found and not yours to review look the same: a report's existence is not for everyone.
                return ApiProblem.NotFound("report_not_found", "No such report among those you moderate.");
            }
            if (!ReportWorkflow.CanMove(report.Status, body.Status!))
            {
                return ApiProblem.Conflict("invalid_transition", $"A {report.Status} report cannot become {body.Status}.");
            }
            report.Status = body.Status!;
            report.AdminNotes = body.AdminNotes ?? report.AdminNotes;
            report.ReviewedBy = userId;
            report.ReviewedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync($"chat.report.{report.Status}",
                new { report_id = report.Id, report_type = report.ReportType, target_id = report.TargetId }, cancellationToken: cancellationToken);
            var view = ReportView.From(report);
            await events.ToUserAsync(report.ReporterId, ChatEventNames.ModerationReportUpdated, view, cancellationToken);
            return TypedResults.Ok(view);
        }).WithTags("Chat: moderation").RequirePermission(Permissions.Account);
    }

    /// <summary>A reporter reports only what they can see: a message or file in a channel they read, or any user.</summary>
    private static async Task<bool> CanSeeAsync(
        ChatDbContext db, CoreDbContext core, string type, Guid targetId, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        Guid? channelId = type switch
        {
            ReportTypes.Message => await db.Messages.AsNoTracking().Where(m => m.Id == targetId).Select(m => (Guid?)m.ChannelId).FirstOrDefaultAsync(cancellationToken),
            ReportTypes.File => await db.Files.AsNoTracking().Where(f => f.Id == targetId).Select(f => f.ChannelId).FirstOrDefaultAsync(cancellationToken),
            _ => null,
        };
        if (type == ReportTypes.User)
        {
            return await core.Users.AsNoTracking().AnyAsync(u => u.Id == targetId, cancellationToken);
        }
        if (channelId is not { } channel)
        {
            return false;
        }
        var (access, _) = await ChannelAccess.ResolveAsync(db, channel, userId, ChannelNeed.Read, now, cancellationToken);
        return access is not null;
    }
}
