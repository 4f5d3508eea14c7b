using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Messages;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.DirectMessages;

/// <summary><c>/api/chat/dms</c>: the one DM channel of a pair of users, opened on first use (explicitly or by the first message sent to the user), and the caller's list.</summary>
internal static class DirectMessagesApi
{
    public static void MapDirectMessages(this IEndpointRouteBuilder endpoints)
    {
        var dms = endpoints.MapGroup("/api/chat/dms").WithTags("Chat: direct messages").RequirePermission(Permissions.Account);

        dms.MapPost("", async Task<Results<Ok<DmView>, Created<DmView>, ProblemHttpResult>> (
            OpenDmRequest body, HttpContext context, DmChannels channels, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var opening = await channels.OpenAsync(userId, body.UserId, cancellationToken);
            return opening switch
            {
                { Refusal: { } refusal } => refusal.ToProblem(),
                { Created: true } => TypedResults.Created($"/api/chat/channels/{opening.Dm!.ChannelId}", opening.Dm),
                _ => TypedResults.Ok(opening.Dm!),
            };
        });

        // The first message to a user opens the DM; later ones go to the same channel.
        dms.MapPost("/{userId:guid}/messages", async Task<Results<Created<MessageView>, Ok<MessageView>, ProblemHttpResult>> (
            Guid userId, SendMessageRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
            HttpContext context, DmChannels channels, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } senderId)
            {
                return ApiProblem.UserRequired();
            }
            var outcome = await channels.SendAsync(senderId, userId, body.WithHeaderKey(idempotencyKey), cancellationToken);
            return outcome.ToHttpResult();
        });

        dms.MapGet("", async Task<Results<Ok<List<DmView>>, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var pairs = await db.DmPairs.AsNoTracking()
                .Where(p => p.UserA == userId || p.UserB == userId)
                .OrderByDescending(p => p.CreatedAt)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(pairs.Select(p => new DmView(p.ChannelId, p.UserA == userId ? p.UserB : p.UserA, p.CreatedAt)).ToList());
        });
    }
}

internal sealed record OpenDmRequest(Guid? UserId);

/// <summary>A DM as one of its users sees it: the channel and the other user. Public: it is a hub event payload.</summary>
public sealed record DmView(Guid ChannelId, Guid UserId, DateTime CreatedAt);
