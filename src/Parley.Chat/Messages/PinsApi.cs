using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Channels;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Messages;

/// <summary>
/// Pins: <c>PUT</c>/<c>DELETE /api/chat/messages/{id}/pin</c> (channel staff; either member of a DM)
/// and <c>GET /api/chat/channels/{id}/pins</c> (anyone who reads the channel), newest pin first.
/// </summary>
internal static class PinsApi
{
    public static void MapPins(this IEndpointRouteBuilder endpoints)
    {
        var pin = endpoints.MapGroup("/api/chat/messages/{messageId:guid}/pin").WithTags("Chat: pins").RequirePermission(Permissions.Account);

        pin.MapPut("", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid messageId, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit, IOptions<ChatOptions> options,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (message, access, problem) = await ResolveAsync(db, messageId, userId, clock, cancellationToken);
            if (message is null)
            {
                return problem!;
            }
            if (await db.PinnedMessages.AnyAsync(p => p.MessageId == messageId, cancellationToken))
            {
                return TypedResults.NoContent();
            }
            var max = options.Value.MaxPinsPerChannel;
            if (await db.PinnedMessages.CountAsync(p => p.ChannelId == message.ChannelId, cancellationToken) >= max)
            {
                return ApiProblem.Conflict("pin_limit", $"A channel holds at most {max} pins; unpin one first.");
            }
            db.PinnedMessages.Add(new PinnedMessage { MessageId = messageId, ChannelId = message.ChannelId, PinnedBy = userId, PinnedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Pinned by someone else in the same instant: pinned either way.
                db.ChangeTracker.Clear();
                if (await db.PinnedMessages.AnyAsync(p => p.MessageId == messageId, cancellationToken))
                {
                    return TypedResults.NoContent();
                }
                throw;
            }
            await AuditAsync(audit, access!, "chat.pin.added", message, cancellationToken);
            await events.ToChannelAsync(message.ChannelId, ChatEventNames.PinAdded, new PinChanged(messageId, message.ChannelId, userId), cancellationToken);
            return TypedResults.NoContent();
        });

        pin.MapDelete("", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid messageId, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (message, access, problem) = await ResolveAsync(db, messageId, userId, clock, cancellationToken, allowDeleted: true);
            if (message is null)
            {
                return problem!;
            }
            if (await db.PinnedMessages.Where(p => p.MessageId == messageId).ExecuteDeleteAsync(cancellationToken) > 0)
            {
                await AuditAsync(audit, access!, "chat.pin.removed", message, cancellationToken);
                await events.ToChannelAsync(message.ChannelId, ChatEventNames.PinRemoved, new PinChanged(messageId, message.ChannelId, userId), cancellationToken);
            }
            return TypedResults.NoContent();
        });

        endpoints.MapGet("/api/chat/channels/{channelId:guid}/pins", async Task<Results<Ok<List<PinView>>, ProblemHttpResult>> (
            Guid channelId, HttpContext context, ChatDbContext db, MessageViewLoader views, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Read, now, cancellationToken);
            if (access is null)
            {
                return refusal!.ToProblem();
            }
            // A deleted or expired message keeps its pin row until unpinned or swept, but is no longer shown.
            var pins = await (
                from p in db.PinnedMessages.AsNoTracking()
                join m in db.Messages.AsNoTracking() on p.MessageId equals m.Id
                where p.ChannelId == channelId && m.DeletedAt == null && (m.ExpiresAt == null || m.ExpiresAt > now)
                orderby p.PinnedAt descending
                select new { Pin = p, Message = m }).ToListAsync(cancellationToken);
            var messageViews = await views.ViewsAsync(pins.Select(p => p.Message).ToList(), userId, access.IsStaff, cancellationToken);
            return TypedResults.Ok(pins.Select((p, i) => new PinView(messageViews[i], p.Pin.PinnedBy, p.Pin.PinnedAt)).ToList());
        }).WithTags("Chat: pins").RequirePermission(Permissions.Account);
    }

    /// <summary>The message, if the caller may manage its channel's pins: channel staff, or either member of a DM.</summary>
    private static async Task<(Message? Message, ChannelAccess? Access, ProblemHttpResult? Problem)> ResolveAsync(
        ChatDbContext db, Guid messageId, Guid userId, TimeProvider clock, CancellationToken cancellationToken, bool allowDeleted = false)
    {
        var (message, access, problem) = await MessagesApi.ResolveAsync(db, messageId, userId, ChannelNeed.Read, clock, cancellationToken);
        if (message is null)
        {
            return (null, null, problem);
        }
        var isDm = access!.Channel.ChannelType == ChannelTypes.Dm;
        if (!(isDm ? access.IsMember : access.IsChannelStaff))
        {
            return (null, null, ApiProblem.Forbidden("forbidden_role", "Only the channel's owner, admins or community moderators manage pins."));
        }
        if (message.DeletedAt is not null && !allowDeleted)
        {
            return (null, null, ApiProblem.Conflict("message_deleted", "The message was deleted."));
        }
        return (message, access, null);
    }

    /// <summary>Pinning in a community channel is a moderator action; in a DM it is just the two of them.</summary>
    private static Task AuditAsync(AuditLog audit, ChannelAccess access, string action, Message message, CancellationToken cancellationToken) =>
        access.Channel.ChannelType == ChannelTypes.Dm
            ? Task.CompletedTask
            : audit.RecordAsync(action, new { message_id = message.Id, channel_id = message.ChannelId }, cancellationToken: cancellationToken);
}

/// <summary>A pinned message as <c>GET /api/chat/channels/{id}/pins</c> lists it.</summary>
internal sealed record PinView(MessageView Message, Guid PinnedBy, DateTime PinnedAt);

/// <summary>The <c>pin.added</c> and <c>pin.removed</c> events; <see cref="PinnedBy"/> is the user who pinned or unpinned.</summary>
public sealed record PinChanged(Guid MessageId, Guid ChannelId, Guid PinnedBy);
