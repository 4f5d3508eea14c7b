using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Blobs;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Mail.Api;
using Parley.Mail.Storage;

namespace Parley.Mail.Messages;

/// <summary>
/// <c>/api/mail/messages/{messageId}</c>: one message by its Message-ID (percent-encoded, without angle
/// brackets), and its raw MIME as received or sent.
/// </summary>
internal static class MessagesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var messages = endpoints.MapGroup("/api/mail/messages").WithTags("Mail");
        messages.MapGet("/{messageId}", GetAsync).RequirePermission(Permissions.MailMessagesRead);
        messages.MapGet("/{messageId}/raw", RawAsync).RequirePermission(Permissions.MailMessagesRead);
    }

    private static async Task<Results<Ok<MessageView>, ProblemHttpResult>> GetAsync(string messageId, ClaimsPrincipal user, MailDbContext db, CancellationToken cancellationToken)
    {
        var message = await FindAsync(db, user, messageId, cancellationToken);
        return message is null ? NotFound() : TypedResults.Ok(await MessageViews.FullAsync(db, message, cancellationToken));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> RawAsync(
        string messageId, ClaimsPrincipal user, HttpContext context, MailDbContext db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var message = await FindAsync(db, user, messageId, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }
        var raw = await blobs.OpenReadAsync(message.RawStorageKey, cancellationToken);
        if (raw is null)
        {
            return ApiProblem.NotFound("message_raw_missing", "The message's raw MIME is gone from storage.");
        }
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(raw, "message/rfc822", "message.eml");
    }

    /// <summary>The message the caller may see, by Message-ID (the route value arrives decoded; stray angle brackets are dropped).</summary>
    internal static Task<MailMessage?> FindAsync(MailDbContext db, ClaimsPrincipal user, string messageId, CancellationToken cancellationToken)
    {
        var id = messageId.Trim();
        if (id.Length > 2 && id[0] == '<' && id[^1] == '>')
        {
            id = id[1..^1];
        }
        return MessageViews.Visible(db, MailCaller.From(user)).AsNoTracking().SingleOrDefaultAsync(m => m.MessageId == id, cancellationToken);
    }

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("message_not_found", "No message has this Message-ID.");
}
