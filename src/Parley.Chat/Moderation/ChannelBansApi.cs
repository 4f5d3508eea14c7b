using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Moderation;

/// <summary>
/// Channel bans (<c>/api/chat/channels/{id}/bans</c>): the banned user leaves the channel, loses its
/// events on every connection at once, and cannot rejoin until unbanned.
/// </summary>
internal static class ChannelBansApi
{
    public static void MapChannelBans(this RouteGroupBuilder channel)
    {
        channel.MapPost("/bans", async Task<Results<Created<ChannelBanView>, ProblemHttpResult>> (
            Guid channelId, ChannelBanRequest body, HttpContext context, ChatDbContext db, ChatEvents events, ChatConnections connections,
            AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (!ModerationLimits.IsValidReason(body.Reason, required: false))
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["reason"] = [$"at most {ModerationLimits.MaxReasonLength} characters"] });
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (access, problem) = await ModerationTarget.ResolveAsync(db, channelId, userId, body.UserId, now, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var targetId = body.UserId!.Value;
            var existing = await db.ChannelBans.AsNoTracking().FirstOrDefaultAsync(b => b.ChannelId == channelId && b.UserId == targetId, cancellationToken);
            if (existing is not null)
            {
                return ApiProblem.Conflict("already_banned", "That user is already banned from this channel.");
            }
            var ban = new ChannelBan { ChannelId = channelId, UserId = targetId, BannedBy = userId, Reason = body.Reason, BannedAt = now };
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                db.ChannelBans.Add(ban);
                await db.SaveChangesAsync(cancellationToken);
                var left = await db.ChannelMembers.Where(m => m.ChannelId == channelId && m.UserId == targetId).ExecuteDeleteAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                if (left > 0)
                {
                    await events.ToChannelAsync(channelId, ChatEventNames.ChannelMemberLeft, new ChannelMemberLeft(channelId, targetId), cancellationToken);
                }
            }
            await connections.RevokeChannelAsync(targetId, channelId, cancellationToken);
            await audit.RecordAsync("chat.channel.member_banned", new { channel_id = channelId, user_id = targetId, reason = body.Reason }, cancellationToken: cancellationToken);
            var view = new ChannelBanView(channelId, targetId, userId, body.Reason, now);
            await events.ToChannelAsync(channelId, ChatEventNames.ModerationBanned, view, cancellationToken);
            await events.ToUserAsync(targetId, ChatEventNames.ModerationBanned, view, cancellationToken);
            return TypedResults.Created($"/api/chat/channels/{channelId}/bans/{targetId}", view);
        });

        channel.MapGet("/bans", async Task<Results<Ok<List<ChannelBanView>>, ProblemHttpResult>> (
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
            var bans = await db.ChannelBans.AsNoTracking().Where(b => b.ChannelId == channelId).OrderBy(b => b.BannedAt)
                .Select(b => new ChannelBanView(b.ChannelId, b.UserId, b.BannedBy, b.Reason, b.BannedAt)).ToListAsync(cancellationToken);
            return TypedResults.Ok(bans);
        });

        channel.MapDelete("/bans/{targetId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid channelId, Guid targetId, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit,
            TimeProvider clock, CancellationToken cancellationToken) =>
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
            var removed = await db.ChannelBans.Where(b => b.ChannelId == channelId && b.UserId == targetId).ExecuteDeleteAsync(cancellationToken);
            if (removed == 0)
            {
                return ApiProblem.NotFound("ban_not_found", "That user is not banned from this channel.");
            }
            await audit.RecordAsync("chat.channel.member_unbanned", new { channel_id = channelId, user_id = targetId }, cancellationToken: cancellationToken);
            var payload = new ModerationLifted(channelId, targetId);
            await events.ToChannelAsync(channelId, ChatEventNames.ModerationUnbanned, payload, cancellationToken);
            await events.ToUserAsync(targetId, ChatEventNames.ModerationUnbanned, payload, cancellationToken);
            return TypedResults.NoContent();
        });
    }
}
