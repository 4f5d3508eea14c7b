using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Files;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Messages;

/// <summary>
/// Messages: send and page through a channel (<c>/api/chat/channels/{id}/messages</c>), read, edit and
/// delete one (<c>/api/chat/messages/{id}</c>). Access follows <see cref="ChannelAccess"/>.
/// </summary>
internal static class MessagesApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static void MapMessages(this IEndpointRouteBuilder endpoints)
    {
        var inChannel = endpoints.MapGroup("/api/chat/channels/{channelId:guid}/messages").WithTags("Chat: messages").RequirePermission(Permissions.Account);
        var message = endpoints.MapGroup("/api/chat/messages/{messageId:guid}").WithTags("Chat: messages").RequirePermission(Permissions.Account);

        inChannel.MapPost("", async Task<Results<Created<MessageView>, Ok<MessageView>, ProblemHttpResult>> (
            Guid channelId, SendMessageRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
            HttpContext context, MessageSender sender, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var outcome = await sender.SendAsync(userId, channelId, body.WithHeaderKey(idempotencyKey), cancellationToken);
            return outcome.ToHttpResult();
        });

        inChannel.MapGet("", async Task<Results<Ok<MessagePage>, ProblemHttpResult>> (
            Guid channelId, Guid? before, Guid? after, [FromQuery(Name = "thread_id")] Guid? threadId, int? limit,
            HttpContext context, ChatDbContext db, MessageViewLoader views, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (before is not null && after is not null)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["before"] = ["give before or after, not both"] });
            }
            if (limit is < 1 or > MaxPageSize)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["limit"] = [$"must be 1 to {MaxPageSize}"] });
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Read, now, cancellationToken);
            if (access is null)
            {
                return refusal!.ToProblem();
            }
            var page = await new MessageHistory(db).PageAsync(channelId, threadId, before, after, limit ?? DefaultPageSize, now, cancellationToken);
            return page is null
                ? ApiProblem.NotFound("message_not_found", "The cursor names no message of this channel.")
                : TypedResults.Ok(new MessagePage(await views.ViewsAsync(page.Messages, userId, access.IsStaff, cancellationToken), page.HasMore));
        });

        message.MapGet("", async Task<Results<Ok<MessageView>, ProblemHttpResult>> (
            Guid messageId, HttpContext context, ChatDbContext db, MessageViewLoader views, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (found, access, problem) = await ResolveAsync(db, messageId, userId, ChannelNeed.Read, clock, cancellationToken);
            return found is null ? problem! : TypedResults.Ok(await views.ViewAsync(found, userId, access!.IsStaff, cancellationToken));
        });

        message.MapPatch("", async Task<Results<Ok<MessageView>, ProblemHttpResult>> (
            Guid messageId, EditMessageRequest body, HttpContext context, ChatDbContext db, MessageContentRules rules, MessageChanges changes,
            MessageViewLoader views, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (found, access, problem) = await ResolveAsync(db, messageId, userId, ChannelNeed.Write, clock, cancellationToken);
            if (found is null)
            {
                return problem!;
            }
            if (found.SenderId != userId)
            {
                return ApiProblem.Forbidden("not_message_author", "Only the author edits a message.");
            }
            if (found.DeletedAt is not null)
            {
                return ApiProblem.Conflict("message_deleted", "The message was deleted.");
            }
            var errors = rules.Check(body.Plaintext, body.Ciphertext, body.Nonce);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            await changes.EditAsync(found, body.Plaintext, body.Ciphertext, body.Nonce, cancellationToken);
            return TypedResults.Ok(await views.ViewAsync(found, userId, access!.IsStaff, cancellationToken));
        });

        message.MapGet("/edits", async Task<Results<Ok<List<MessageEditView>>, ProblemHttpResult>> (
            Guid messageId, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (found, access, problem) = await ResolveAsync(db, messageId, userId, ChannelNeed.Read, clock, cancellationToken);
            if (found is null)
            {
                return problem!;
            }
            if (found.DeletedAt is not null && !access!.IsStaff)
            {
                return ApiProblem.Conflict("message_deleted", "The message was deleted.");
            }
            var edits = await db.MessageEdits.AsNoTracking().Where(e => e.MessageId == messageId).OrderBy(e => e.EditedAt).ToListAsync(cancellationToken);
            return TypedResults.Ok(edits.Select(e => new MessageEditView(e.Id, e.OldPlaintext, e.OldCiphertext, e.OldNonce, e.EditedAt)).ToList());
        });

        message.MapDelete("", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid messageId, HttpContext context, ChatDbContext db, MessageChanges changes, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (found, access, problem) = await ResolveAsync(db, messageId, userId, ChannelNeed.Read, clock, cancellationToken);
            if (found is null)
            {
                return problem!;
            }
            var byModerator = found.SenderId != userId;
            if (byModerator && !access!.IsStaff)
            {
                return ApiProblem.Forbidden("not_message_author", "Only the author or a moderator deletes a message.");
            }
            if (await changes.DeleteAsync(found, cancellationToken) && byModerator)
            {
                await audit.RecordAsync("chat.message.deleted",
                    new { message_id = found.Id, channel_id = found.ChannelId, sender_id = found.SenderId }, cancellationToken: cancellationToken);
            }
            return TypedResults.NoContent();
        });
    }

    /// <summary>The message (tracked) and the caller's access to its channel, or why not.</summary>
    internal static async Task<(Message? Message, ChannelAccess? Access, ProblemHttpResult? Problem)> ResolveAsync(
        ChatDbContext db, Guid messageId, Guid userId, ChannelNeed need, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (found is null)
        {
            return (null, null, ApiProblem.NotFound("message_not_found", "No such message."));
        }
        var (access, refusal) = await ChannelAccess.ResolveAsync(db, found.ChannelId, userId, need, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return access is null ? (null, null, refusal!.ToProblem()) : (found, access, null);
    }
}

internal sealed record MessageEditView(Guid Id, string? OldPlaintext, byte[]? OldCiphertext, byte[]? OldNonce, DateTime EditedAt);

public sealed record MessageDeleted(Guid Id, Guid ChannelId, DateTime DeletedAt);
