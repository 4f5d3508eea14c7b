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

/// <summary><c>GET /api/mail/attachments/{id}</c>: an attachment's bytes, always as a download.</summary>
internal static class AttachmentsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/mail/attachments/{id:guid}", DownloadAsync).RequirePermission(Permissions.MailAttachmentsRead).WithTags("Mail");
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        Guid id, ClaimsPrincipal user, HttpContext context, MailDbContext db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var visible = MessageViews.Visible(db, MailCaller.From(user));
        var attachment = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && visible.Any(m => m.MessageId == a.MessageId))
            .SingleOrDefaultAsync(cancellationToken);
        if (attachment is null)
        {
            return ApiProblem.NotFound("attachment_not_found", "No attachment has this id.");
        }
        var content = await blobs.OpenReadAsync(attachment.StorageKey, cancellationToken);
        if (content is null)
        {
            return ApiProblem.NotFound("attachment_content_missing", "The attachment's bytes are gone from storage.");
        }
        // Mail from strangers: never rendered in Parley's origin (an HTML or SVG attachment must not run).
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var filename = string.IsNullOrWhiteSpace(attachment.Filename) ? "attachment" : attachment.Filename;
        return TypedResults.File(content, SafeContentType(attachment.ContentType), filename);
    }

    private static string SafeContentType(string contentType) =>
        System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType is { } media
            ? media
            : "application/octet-stream";
}
