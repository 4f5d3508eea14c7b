using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Messages;

/// <summary>
/// Reactions: <c>PUT</c>/<c>DELETE /api/chat/messages/{id}/reactions/{emoji}</c>, both idempotent.
/// Any member who reads the channel reacts; a message shows at most <see cref="ReactionLimit.MaxDistinctEmoji"/> emoji.
/// </summary>
internal static class ReactionsApi
{
    public static void MapReactions(this IEndpointRouteBuilder endpoints)
    {
        var reactions = endpoints.MapGroup("/api/chat/messages/{messageId:guid}/reactions/{emoji}")
            .WithTags("Chat: reactions").RequirePermission(Permissions.Account);

        reactions.MapPut("", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid messageId, string emoji, HttpContext context, ChatDbContext db, ChatEvents events, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (EmojiProblem(emoji) is { } invalid)
            {
                return invalid;
            }
            var (message, problem) = await ResolveAsync(db, messageId, userId, clock, cancellationToken);
            if (message is null)
            {
                return problem!;
            }
            if (await db.Reactions.AnyAsync(r => r.MessageId == messageId && r.UserId == userId && r.Emoji == emoji, cancellationToken))
            {
                return TypedResults.NoContent();
            }
            var onMessage = await db.Reactions.AsNoTracking().Where(r => r.MessageId == messageId).Select(r => r.Emoji).Distinct().ToListAsync(cancellationToken);
            if (!ReactionLimit.Allows(onMessage, emoji))
            {
                return ApiProblem.Conflict("reaction_limit", $"A message shows at most {ReactionLimit.MaxDistinctEmoji} different emoji.");
            }
            db.Reactions.Add(new Reaction { MessageId = messageId, UserId = userId, Emoji = emoji, CreatedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same reaction raced in from another request (a double click): it stands, announced once.
                db.ChangeTracker.Clear();
                if (await db.Reactions.AnyAsync(r => r.MessageId == messageId && r.UserId == userId && r.Emoji == emoji, cancellationToken))
                {
                    return TypedResults.NoContent();
                }
                throw;
            }
            await events.ToChannelAsync(message.ChannelId, ChatEventNames.ReactionAdded, new ReactionChanged(messageId, message.ChannelId, userId, emoji), cancellationToken);
            return TypedResults.NoContent();
        });

        reactions.MapDelete("", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid messageId, string emoji, HttpContext context, ChatDbContext db, ChatEvents events, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (EmojiProblem(emoji) is { } invalid)
            {
                return invalid;
            }
            var (message, problem) = await ResolveAsync(db, messageId, userId, clock, cancellationToken);
            if (message is null)
            {
                return problem!;
            }
            var removed = await db.Reactions.Where(r => r.MessageId == messageId && r.UserId == userId && r.Emoji == emoji).ExecuteDeleteAsync(cancellationToken);
            if (removed > 0)
            {
                await events.ToChannelAsync(message.ChannelId, ChatEventNames.ReactionRemoved, new ReactionChanged(messageId, message.ChannelId, userId, emoji), cancellationToken);
            }
            return TypedResults.NoContent();
        });
    }

    /// <summary>A Unicode emoji or a custom <c>:shortcode:</c>; either way short and without whitespace or control characters.</summary>
    private static ProblemHttpResult? EmojiProblem(string emoji) =>
        !ReactionLimit.IsValidEmoji(emoji) || emoji.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? ApiProblem.Validation(new Dictionary<string, string[]> { ["emoji"] = [$"an emoji or :shortcode: of 1 to {Reaction.MaxEmojiLength} characters, no spaces"] })
            : null;

    /// <summary>The message, if the caller is a member of its channel and it is still there to react to.</summary>
    private static async Task<(Message? Message, ProblemHttpResult? Problem)> ResolveAsync(
        ChatDbContext db, Guid messageId, Guid userId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (message, access, problem) = await MessagesApi.ResolveAsync(db, messageId, userId, ChannelNeed.Read, clock, cancellationToken);
        if (message is null)
        {
            return (null, problem);
        }
        if (!access!.IsMember)
        {
            return (null, ApiProblem.Forbidden("not_a_channel_member", "Join the channel to react."));
        }
        if (message.DeletedAt is not null)
        {
            return (null, ApiProblem.Conflict("message_deleted", "The message was deleted."));
        }
        return (message, null);
    }
}

/// <summary>The <c>reaction.added</c> and <c>reaction.removed</c> events.</summary>
public sealed record ReactionChanged(Guid MessageId, Guid ChannelId, Guid UserId, string Emoji);
