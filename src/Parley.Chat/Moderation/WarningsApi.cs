using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Moderation;

/// <summary>Formal warnings: a moderator issues one in a channel (<c>/api/chat/channels/{id}/warnings</c>); the user reads theirs (<c>/api/chat/warnings/mine</c>).</summary>
internal static class WarningsApi
{
    public static void MapWarnings(this RouteGroupBuilder channel, IEndpointRouteBuilder endpoints)
    {
        channel.MapPost("/warnings", async Task<Results<Created<WarningView>, ProblemHttpResult>> (
            Guid channelId, WarningRequest body, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (!ModerationLimits.IsValidReason(body.Reason, required: true))
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["reason"] = [$"required, at most {ModerationLimits.MaxReasonLength} characters"] });
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (access, problem) = await ModerationTarget.ResolveAsync(db, channelId, userId, body.UserId, now, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var warning = new Warning { ChannelId = channelId, UserId = body.UserId!.Value, IssuedBy = userId, Reason = body.Reason!, CreatedAt = now };
            db.Warnings.Add(warning);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.warning.issued", new { channel_id = channelId, user_id = warning.UserId, warning_id = warning.Id }, cancellationToken: cancellationToken);
            var view = WarningView.From(warning);
            await events.ToChannelAsync(channelId, ChatEventNames.ModerationWarned, view, cancellationToken);
            await events.ToUserAsync(warning.UserId, ChatEventNames.ModerationWarned, view, cancellationToken);
            return TypedResults.Created($"/api/chat/channels/{channelId}/warnings", view);
        });

        channel.MapGet("/warnings", async Task<Results<Ok<List<WarningView>>, ProblemHttpResult>> (
            Guid channelId, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await ModerationTarget.ModeratorAsync(db, channelId, userId, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var warnings = await db.Warnings.AsNoTracking().Where(w => w.ChannelId == channelId).OrderBy(w => w.CreatedAt).ToListAsync(cancellationToken);
            return TypedResults.Ok(warnings.Select(WarningView.From).ToList());
        });

        endpoints.MapGet("/api/chat/warnings/mine", async Task<Results<Ok<List<WarningView>>, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var warnings = await db.Warnings.AsNoTracking().Where(w => w.UserId == userId).OrderBy(w => w.CreatedAt).ToListAsync(cancellationToken);
            return TypedResults.Ok(warnings.Select(WarningView.From).ToList());
        }).WithTags("Chat: moderation").RequirePermission(Permissions.Account);
    }
}
