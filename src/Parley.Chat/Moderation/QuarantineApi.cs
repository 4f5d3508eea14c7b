using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Chat.Channels;
using Parley.Chat.Files;
using Parley.Chat.Messages;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Moderation;

/// <summary>
/// Quarantine (<c>PUT/DELETE /api/chat/messages/{id}/quarantine</c> and <c>/api/chat/files/{id}/quarantine</c>):
/// a moderator hides content from everyone but community staff without deleting it, pending review.
/// The channel hears <c>message.updated</c> (with the content hidden) or <c>file.updated</c>.
/// </summary>
internal static class QuarantineApi
{
    public static void MapQuarantine(this IEndpointRouteBuilder endpoints)
    {
        var message = endpoints.MapGroup("/api/chat/messages/{messageId:guid}/quarantine").WithTags("Chat: moderation").RequirePermission(Permissions.Account);
        message.MapPut("", (Guid messageId, HttpContext context, ChatDbContext db, MessageViewLoader views, ChatEvents events, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
            SetMessageAsync(messageId, quarantine: true, context, db, views, events, audit, clock, cancellationToken));
        message.MapDelete("", (Guid messageId, HttpContext context, ChatDbContext db, MessageViewLoader views, ChatEvents events, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
            SetMessageAsync(messageId, quarantine: false, context, db, views, events, audit, clock, cancellationToken));

        var file = endpoints.MapGroup("/api/chat/files/{fileId:guid}/quarantine").WithTags("Chat: moderation").RequirePermission(Permissions.Account);
        file.MapPut("", (Guid fileId, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
            SetFileAsync(fileId, quarantine: true, context, db, events, audit, clock, cancellationToken));
        file.MapDelete("", (Guid fileId, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
            SetFileAsync(fileId, quarantine: false, context, db, events, audit, clock, cancellationToken));
    }

    private static async Task<Results<Ok<MessageView>, ProblemHttpResult>> SetMessageAsync(
        Guid messageId, bool quarantine, HttpContext context, ChatDbContext db, MessageViewLoader views, ChatEvents events, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (context.User.UserId() is not { } userId)
        {
            return ApiProblem.UserRequired();
        }
        var (found, _, problem) = await MessagesApi.ResolveAsync(db, messageId, userId, ChannelNeed.Moderate, clock, cancellationToken);
        if (found is null)
        {
            return problem!;
        }
        if ((found.QuarantinedAt is not null) != quarantine)
        {
            found.QuarantinedAt = quarantine ? clock.GetUtcNow().UtcDateTime : null;
            found.QuarantinedBy = quarantine ? userId : null;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(quarantine ? "chat.message.quarantined" : "chat.message.released",
                new { message_id = found.Id, channel_id = found.ChannelId, sender_id = found.SenderId }, cancellationToken: cancellationToken);
            // The channel group holds members and staff alike, so the event carries what members may see.
            await events.ToChannelAsync(found.ChannelId, ChatEventNames.MessageUpdated,
                await views.ViewAsync(found, Guid.Empty, viewerIsStaff: false, cancellationToken), cancellationToken);
        }
        return TypedResults.Ok(await views.ViewAsync(found, userId, viewerIsStaff: true, cancellationToken));
    }

    private static async Task<Results<Ok<FileView>, ProblemHttpResult>> SetFileAsync(
        Guid fileId, bool quarantine, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (context.User.UserId() is not { } userId)
        {
            return ApiProblem.UserRequired();
        }
        var (found, _, problem) = await FilesApi.ResolveAsync(db, fileId, userId, ChannelNeed.Moderate, clock, cancellationToken);
        if (found is null)
        {
            return problem!;
        }
        var view = FileView.From(found);
        if ((found.QuarantinedAt is not null) != quarantine)
        {
            found.QuarantinedAt = quarantine ? clock.GetUtcNow().UtcDateTime : null;
            found.QuarantinedBy = quarantine ? userId : null;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(quarantine ? "chat.file.quarantined" : "chat.file.released",
                new { file_id = found.Id, channel_id = found.ChannelId, uploader_id = found.UploaderId }, cancellationToken: cancellationToken);
            view = FileView.From(found);
            await events.ToChannelAsync(found.ChannelId!.Value, ChatEventNames.FileUpdated, new FileUpdated(found.ChannelId.Value, view), cancellationToken);
        }
        return TypedResults.Ok(view);
    }
}
