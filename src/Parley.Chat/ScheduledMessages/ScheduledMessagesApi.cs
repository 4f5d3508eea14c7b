using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Messages;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Jobs;
using Parley.Core.Security;

namespace Parley.Chat.ScheduledMessages;

/// <summary>
/// Scheduling a message for later (<c>/api/chat/channels/{id}/scheduled</c>), listing and cancelling
/// one's own (<c>/api/chat/scheduled</c>). Each is a Core job due at its time (<see cref="ScheduledMessageJob"/>).
/// </summary>
internal static class ScheduledMessagesApi
{
    public static void MapScheduledMessages(this IEndpointRouteBuilder endpoints)
    {
        var inChannel = endpoints.MapGroup("/api/chat/channels/{channelId:guid}/scheduled").WithTags("Chat: scheduled messages").RequirePermission(Permissions.Account);
        var mine = endpoints.MapGroup("/api/chat/scheduled").WithTags("Chat: scheduled messages").RequirePermission(Permissions.Account);

        inChannel.MapPost("", async Task<Results<Created<ScheduledMessageView>, ProblemHttpResult>> (
            Guid channelId, ScheduleMessageRequest body, HttpContext context, ChatDbContext db, MessageContentRules rules,
            ChatEvents events, JobQueue jobs, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var errors = rules.Check(body.Plaintext, body.Ciphertext, body.Nonce);
            if (body.ScheduledFor is not { } when)
            {
                errors["scheduled_for"] = ["Required."];
            }
            else if (ScheduledMessageRules.Check(when.ToUniversalTime(), now) is { } reason)
            {
                errors["scheduled_for"] = [reason];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Write, now, cancellationToken);
            if (access is null)
            {
                return refusal!.ToProblem();
            }
            var scheduled = new ScheduledMessage
            {
                ChannelId = channelId,
                UserId = userId,
                Plaintext = body.Plaintext,
                Ciphertext = body.Ciphertext is null ? null : Convert.ToBase64String(body.Ciphertext),
                Nonce = body.Nonce is null ? null : Convert.ToBase64String(body.Nonce),
                ScheduledFor = body.ScheduledFor!.Value.ToUniversalTime(),
                CreatedAt = now,
            };
            db.ScheduledMessages.Add(scheduled);
            // A refusal at send time is final, so few attempts: they only cover crashes and outages.
            jobs.Enqueue(db, ScheduledMessageJob.JobKind, new ScheduledMessageJob.Payload(scheduled.Id), scheduled.ScheduledFor, maxAttempts: 5);
            await db.SaveChangesAsync(cancellationToken);
            var view = ScheduledMessageView.From(scheduled);
            await events.ToUserAsync(userId, ChatEventNames.ScheduledCreated, view, cancellationToken);
            return TypedResults.Created($"/api/chat/scheduled/{scheduled.Id}", view);
        });

        mine.MapGet("", async Task<Results<Ok<List<ScheduledMessageView>>, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var list = await db.ScheduledMessages.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.ScheduledFor).ToListAsync(cancellationToken);
            return TypedResults.Ok(list.Select(ScheduledMessageView.From).ToList());
        });

        mine.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, HttpContext context, ChatDbContext db, ChatEvents events, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            // The job finds no row and does nothing; a message already posted is not undone here.
            var deleted = await db.ScheduledMessages.Where(s => s.Id == id && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            if (deleted == 0)
            {
                return ApiProblem.NotFound("scheduled_message_not_found", "No such scheduled message of yours (it may have been sent).");
            }
            await events.ToUserAsync(userId, ChatEventNames.ScheduledDeleted, new ScheduledMessageDeleted(id), cancellationToken);
            return TypedResults.NoContent();
        });
    }
}

/// <summary>The <c>scheduled.deleted</c> event: the author cancelled it.</summary>
public sealed record ScheduledMessageDeleted(Guid Id);
