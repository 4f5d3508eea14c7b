using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Parley.Chat.Channels;
using Parley.Chat.Storage;
using Parley.Core.Blobs;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Files;

/// <summary>
/// Files in channels: upload (<c>POST /api/chat/channels/{id}/files</c>, multipart field <c>file</c>,
/// needs Write access), metadata and download (<c>/api/chat/files/{id}</c>, needs Read access to the
/// file's channel). A quarantined file's bytes are for community staff only.
/// </summary>
internal static class FilesApi
{
    /// <summary>Room for the multipart framing around the file itself.</summary>
    private const long MultipartOverheadBytes = 64 * 1024;

    public static void MapFiles(this IEndpointRouteBuilder endpoints, long maxUploadBytes)
    {
        endpoints.MapPost("/api/chat/channels/{channelId:guid}/files", async Task<Results<Created<FileView>, ProblemHttpResult>> (
            Guid channelId, HttpContext context, ChatDbContext db, FileUploads uploads, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Write, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (access is null)
            {
                return refusal!.ToProblem();
            }
            var boundary = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
                && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
                : null;
            if (string.IsNullOrEmpty(boundary))
            {
                return FileRequired("send multipart/form-data with a field 'file'");
            }
            var reader = new MultipartReader(boundary, context.Request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !string.Equals(disposition.Name.Value?.Trim('"'), "file", StringComparison.Ordinal))
                {
                    continue;
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                if (string.IsNullOrWhiteSpace(name) || name.Length > FileUploads.MaxNameLength)
                {
                    return FileRequired($"the file needs a name of 1 to {FileUploads.MaxNameLength} characters");
                }
                var contentType = string.IsNullOrWhiteSpace(section.ContentType) || section.ContentType.Length > FileUploads.MaxContentTypeLength
                    ? "application/octet-stream"
                    : section.ContentType;
                var (file, problem) = await uploads.StoreAsync(userId, channelId, name, contentType, section.Body, cancellationToken);
                return file is null ? problem!.ToProblem() : TypedResults.Created($"/api/chat/files/{file.Id}", file);
            }
            return FileRequired("no field 'file' in the form");
        })
            .WithTags("Chat: files")
            .RequirePermission(Permissions.Account)
            .WithMetadata(new UploadSizeLimit(maxUploadBytes + MultipartOverheadBytes));

        var file = endpoints.MapGroup("/api/chat/files/{fileId:guid}").WithTags("Chat: files").RequirePermission(Permissions.Account);

        file.MapGet("", async Task<Results<Ok<FileView>, ProblemHttpResult>> (
            Guid fileId, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (found, _, problem) = await ResolveAsync(db, fileId, userId, ChannelNeed.Read, clock, cancellationToken);
            return found is null ? problem! : TypedResults.Ok(FileView.From(found));
        });

        file.MapGet("/content", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (
            Guid fileId, HttpContext context, ChatDbContext db, IBlobStore blobs, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (found, access, problem) = await ResolveAsync(db, fileId, userId, ChannelNeed.Read, clock, cancellationToken);
            if (found is null)
            {
                return problem!;
            }
            if (found.QuarantinedAt is not null && !access!.IsStaff)
            {
                return ApiProblem.Forbidden("file_quarantined", "A moderator quarantined this file.");
            }
            var content = await blobs.OpenReadAsync(found.StoragePath, cancellationToken);
            if (content is null)
            {
                return ApiProblem.NotFound("file_content_missing", "The file's bytes are gone from storage.");
            }
            // Always a download, never rendered in the page's origin: an uploaded HTML or SVG file must not run.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.File(content, found.ContentType ?? "application/octet-stream", found.EncryptedName);
        });
    }

    /// <summary>The file and the caller's access to its channel, or why not.</summary>
    internal static async Task<(ChatFile? File, ChannelAccess? Access, ProblemHttpResult? Problem)> ResolveAsync(
        ChatDbContext db, Guid fileId, Guid userId, ChannelNeed need, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = await db.Files.FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (found?.ChannelId is not { } channelId)
        {
            return (null, null, ApiProblem.NotFound("file_not_found", "No such file."));
        }
        var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, need, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return access is null ? (null, null, refusal!.ToProblem()) : (found, access, null);
    }

    private static ProblemHttpResult FileRequired(string reason) =>
        ApiProblem.Validation(new Dictionary<string, string[]> { ["file"] = [reason] });

    /// <summary>Lets the upload endpoint's body follow <c>Chat:MaxUploadBytes</c> instead of the global limit.</summary>
    private sealed class UploadSizeLimit(long maxBytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = maxBytes;
    }
}
