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

/// <summary>
/// Timeouts (<c>/api/chat/channels/{id}/timeouts</c>): a moderator mutes a member in a channel for
/// 60 s to 30 days (<see cref="TimeoutRules"/>); <c>ChannelAccess</c> refuses their posts meanwhile.
/// </summary>
internal static class TimeoutsApi
{
    public static void MapTimeouts(this RouteGroupBuilder channel)
    {
        channel.MapPost("/timeouts", async Task<Results<Created<TimeoutView>, ProblemHttpResult>> (
            Guid channelId, TimeoutRequest body, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var errors = new Dictionary<string, string[]>();
            if (body.DurationSeconds is not { } seconds || !TimeoutRules.IsValidDuration(TimeSpan.FromSeconds(seconds)))
            {
                errors["duration_seconds"] = [$"must be {TimeoutRules.MinDuration.TotalSeconds:0} to {TimeoutRules.MaxDuration.TotalSeconds:0}"];
            }
            if (!ModerationLimits.IsValidReason(body.Reason, required: false))
            {
                errors["reason"] = [$"at most {ModerationLimits.MaxReasonLength} characters"];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (access, problem) = await ModerationTarget.ResolveAsync(db, channelId, userId, body.UserId, now, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var timeout = new UserTimeout
            {
                ChannelId = channelId,
                UserId = body.UserId!.Value,
                IssuedBy = userId,
                Reason = body.Reason,
                ExpiresAt = TimeoutRules.ExpiresAt(now, TimeSpan.FromSeconds(body.DurationSeconds!.Value)),
                CreatedAt = now,
            };
            db.UserTimeouts.Add(timeout);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.timeout.added",
                new { channel_id = channelId, user_id = timeout.UserId, expires_at = timeout.ExpiresAt, reason = timeout.Reason }, cancellationToken: cancellationToken);
            var view = TimeoutView.From(timeout);
            await events.ToChannelAsync(channelId, ChatEventNames.ModerationTimedOut, view, cancellationToken);
            await events.ToUserAsync(timeout.UserId, ChatEventNames.ModerationTimedOut, view, cancellationToken);
            return TypedResults.Created($"/api/chat/channels/{channelId}/timeouts/{timeout.UserId}", view);
        });

        channel.MapGet("/timeouts", async Task<Results<Ok<List<TimeoutView>>, ProblemHttpResult>> (
            Guid channelId, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (access, problem) = await ModerationTarget.ModeratorAsync(db, channelId, userId, now, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var active = await db.UserTimeouts.AsNoTracking().Where(t => t.ChannelId == channelId && t.ExpiresAt > now)
                .OrderBy(t => t.ExpiresAt).ToListAsync(cancellationToken);
            return TypedResults.Ok(active.Select(TimeoutView.From).ToList());
        });

        channel.MapDelete("/timeouts/{targetId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid channelId, Guid targetId, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (access, problem) = await ModerationTarget.ModeratorAsync(db, channelId, userId, now, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var lifted = await db.UserTimeouts.Where(t => t.ChannelId == channelId && t.UserId == targetId && t.ExpiresAt > now)
                .ExecuteDeleteAsync(cancellationToken);
            if (lifted == 0)
            {
                return ApiProblem.NotFound("timeout_not_found", "That user is not timed out here.");
            }
            await audit.RecordAsync("chat.timeout.removed", new { channel_id = channelId, user_id = targetId }, cancellationToken: cancellationToken);
            var payload = new ModerationLifted(channelId, targetId);
            await events.ToChannelAsync(channelId, ChatEventNames.ModerationTimeoutLifted, payload, cancellationToken);
            await events.ToUserAsync(targetId, ChatEventNames.ModerationTimeoutLifted, payload, cancellationToken);
            return TypedResults.NoContent();
        });
    }
}
