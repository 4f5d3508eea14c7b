using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.Messages;

/// <summary>
/// Read state: <c>PUT /api/chat/channels/{id}/read</c> moves the caller's cursor, <c>GET /api/chat/unread</c>
/// counts what is new in each of their channels, <c>POST /api/chat/unread/mark-all-read</c> catches up at once.
/// The cursor's <c>last_read_at</c> is the read message's own time, so the count survives that message's deletion.
/// </summary>
internal static class ReadStateApi
{
    public static void MapReadState(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/chat/channels/{channelId:guid}/read", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid channelId, MarkReadRequest body, HttpContext context, ChatDbContext db, ChatEvents events, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (body.MessageId is not { } messageId)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["message_id"] = ["required"] });
            }
            var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Read, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (access is null)
            {
                return refusal!.ToProblem();
            }
            if (!access.IsMember)
            {
                return ApiProblem.Forbidden("not_a_channel_member", "Join the channel to keep read state in it.");
            }
            var message = await db.Messages.AsNoTracking().Where(m => m.Id == messageId && m.ChannelId == channelId)
                .Select(m => new { m.Id, m.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
            if (message is null)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["message_id"] = ["no such message in this channel"] });
            }
            await ReadCursors.MoveAsync(db, userId, channelId, message.Id, message.CreatedAt, cancellationToken);
            await events.ToChannelAsync(channelId, ChatEventNames.Read, new ReadMoved(channelId, userId, message.Id), cancellationToken);
            return TypedResults.NoContent();
        }).WithTags("Chat: read state").RequirePermission(Permissions.Account);

        var unread = endpoints.MapGroup("/api/chat/unread").WithTags("Chat: read state").RequirePermission(Permissions.Account);

        unread.MapGet("", async Task<Results<Ok<List<UnreadView>>, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, CoreDbContext core, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var username = await core.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Username).FirstAsync(cancellationToken);
            return TypedResults.Ok(await new UnreadCounter(db).CountAsync(userId, username, clock.GetUtcNow().UtcDateTime, cancellationToken));
        });

        unread.MapPost("/mark-all-read", async Task<Results<NoContent, ProblemHttpResult>> (
            [FromQuery(Name = "community_id")] Guid? communityId, HttpContext context, ChatDbContext db, ChatEvents events,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var channels = db.ChannelMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.ChannelId);
            if (communityId is { } community)
            {
                channels = channels.Where(id => db.Channels.Any(c => c.Id == id && db.Groups.Any(g => g.Id == c.GroupId && g.CommunityId == community)));
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var channelIds = await channels.ToListAsync(cancellationToken);
            foreach (var channelId in channelIds)
            {
                // Rare and per channel: the newest live message becomes the cursor.
                var newest = await db.Messages.AsNoTracking()
                    .Where(m => m.ChannelId == channelId && m.DeletedAt == null && (m.ExpiresAt == null || m.ExpiresAt > now))
                    .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                    .Select(m => new { m.Id, m.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
                if (newest is null)
                {
                    continue;
                }
                await ReadCursors.MoveAsync(db, userId, channelId, newest.Id, newest.CreatedAt, cancellationToken);
                await events.ToChannelAsync(channelId, ChatEventNames.Read, new ReadMoved(channelId, userId, newest.Id), cancellationToken);
            }
            return TypedResults.NoContent();
        });
    }
}

internal sealed record MarkReadRequest(Guid? MessageId);

/// <summary>What is new for the caller in one channel.</summary>
internal sealed record UnreadView(Guid ChannelId, int UnreadCount, int MentionCount, Guid? LastReadMessageId);

/// <summary>The <c>read</c> event: a member read up to <see cref="MessageId"/>.</summary>
public sealed record ReadMoved(Guid ChannelId, Guid UserId, Guid MessageId);
