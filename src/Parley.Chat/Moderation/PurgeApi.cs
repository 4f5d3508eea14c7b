using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Messages;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Moderation;

/// <summary>
/// Purge (<c>POST /api/chat/channels/{id}/purge</c>): soft-deletes up to <c>count</c> of the channel's
/// newest live messages, optionally only one user's and only those before a given message. Each one
/// is announced as a plain <c>message.deleted</c>, so clients need nothing new to show it.
/// </summary>
internal static class PurgeApi
{
    public const int DefaultCount = 100;
    public const int MaxCount = 1000;

    public static void MapPurge(this RouteGroupBuilder channel)
    {
        channel.MapPost("/purge", async Task<Results<Ok<PurgeResult>, ProblemHttpResult>> (
            Guid channelId, PurgeRequest body, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (body.Count is < 1 or > MaxCount)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["count"] = [$"must be 1 to {MaxCount}"] });
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (access, problem) = await ModerationTarget.ModeratorAsync(db, channelId, userId, now, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var scope = db.Messages.Where(m => m.ChannelId == channelId && m.DeletedAt == null);
            if (body.UserId is { } authorId)
            {
                scope = scope.Where(m => m.SenderId == authorId);
            }
            if (body.Before is { } beforeId)
            {
                var cursor = await db.Messages.AsNoTracking().Where(m => m.Id == beforeId && m.ChannelId == channelId)
                    .Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
                if (cursor is not { } before)
                {
                    return ApiProblem.Validation(new Dictionary<string, string[]> { ["before"] = ["no such message in this channel"] });
                }
                scope = scope.Where(m => m.CreatedAt < before);
            }
            var doomed = await scope.OrderByDescending(m => m.CreatedAt).Take(body.Count ?? DefaultCount).ToListAsync(cancellationToken);
            foreach (var message in doomed)
            {
                message.DeletedAt = now;
            }
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.messages.purged",
                new { channel_id = channelId, deleted = doomed.Count, user_id = body.UserId, before = body.Before }, cancellationToken: cancellationToken);
            foreach (var message in doomed)
            {
                await events.ToChannelAsync(channelId, ChatEventNames.MessageDeleted, new MessageDeleted(message.Id, channelId, now), cancellationToken);
            }
            return TypedResults.Ok(new PurgeResult(doomed.Count));
        });
    }
}
