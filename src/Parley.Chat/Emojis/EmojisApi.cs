using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Communities;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Blobs;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Emojis;

/// <summary>
/// A community's custom emojis: moderators upload (multipart <c>file</c> + <c>shortcode</c>) and delete,
/// members list them and fetch images. Images live in the blob store; <c>file_path</c> holds the blob key.
/// </summary>
internal static partial class EmojisApi
{
    public static void MapEmojis(this IEndpointRouteBuilder endpoints)
    {
        var inCommunity = endpoints.MapGroup("/api/chat/communities/{communityId:guid}/emojis").WithTags("Chat: emojis").RequirePermission(Permissions.Account);
        var emoji = endpoints.MapGroup("/api/chat/emojis/{id:guid}").WithTags("Chat: emojis").RequirePermission(Permissions.Account);

        inCommunity.MapPost("", async Task<Results<Created<EmojiView>, ProblemHttpResult>> (
            Guid communityId, HttpContext context, ChatDbContext db, IBlobStore blobs, ChatEvents events, AuditLog audit,
            IOptions<ChatOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, communityId, userId, CommunityRoles.Moderator, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            if (!context.Request.HasFormContentType)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["file"] = ["Send multipart/form-data with a file and a shortcode."] });
            }
            var form = await context.Request.ReadFormAsync(cancellationToken);
            var shortcode = form["shortcode"].ToString();
            var file = form.Files.GetFile("file");
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (!ShortcodePattern().IsMatch(shortcode))
            {
                errors["shortcode"] = ["2 to 32 characters: a-z, 0-9, _."];
            }
            if (file is null || file.Length == 0)
            {
                errors["file"] = ["Required."];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var maxBytes = options.Value.MaxEmojiBytes;
            if (file!.Length > maxBytes)
            {
                return ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "file_too_large", $"An emoji image is at most {maxBytes} bytes.");
            }
            using var bytes = new MemoryStream();
            await using (var stream = file.OpenReadStream())
            {
                await stream.CopyToAsync(bytes, cancellationToken);
            }
            var contentType = EmojiImage.ContentType(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
            if (contentType is null)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["file"] = ["Must be a PNG, GIF, WebP or JPEG image."] });
            }
            if (await db.CustomEmojis.AnyAsync(e => e.CommunityId == communityId && e.Shortcode == shortcode, cancellationToken))
            {
                return EmojiExists(shortcode);
            }
            if (await db.CustomEmojis.CountAsync(e => e.CommunityId == communityId, cancellationToken) >= options.Value.MaxEmojisPerCommunity)
            {
                return ApiProblem.Conflict("emoji_limit", $"A community has at most {options.Value.MaxEmojisPerCommunity} custom emojis.");
            }
            bytes.Position = 0;
            var blob = await blobs.PutAsync(bytes, cancellationToken);
            var created = new CustomEmoji
            {
                CommunityId = communityId,
                UploadedBy = userId,
                Shortcode = shortcode,
                FilePath = blob.Key,
                ContentType = contentType,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.CustomEmojis.Add(created);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another upload took the shortcode first. The blob stays: it is content-addressed and may be shared.
                return EmojiExists(shortcode);
            }
            var view = EmojiView.From(created);
            await audit.RecordAsync("chat.emoji.created", new { emoji_id = created.Id, community_id = communityId, shortcode }, cancellationToken: cancellationToken);
            await events.ToCommunityAsync(communityId, ChatEventNames.EmojiCreated, view, cancellationToken);
            return TypedResults.Created($"/api/chat/emojis/{created.Id}/image", view);
        });

        inCommunity.MapGet("", async Task<Results<Ok<List<EmojiView>>, ProblemHttpResult>> (
            Guid communityId, HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, communityId, userId, CommunityRoles.Member, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var list = await db.CustomEmojis.AsNoTracking().Where(e => e.CommunityId == communityId).OrderBy(e => e.Shortcode).ToListAsync(cancellationToken);
            return TypedResults.Ok(list.Select(EmojiView.From).ToList());
        });

        emoji.MapGet("/image", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (
            Guid id, HttpContext context, ChatDbContext db, IBlobStore blobs, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var found = await db.CustomEmojis.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (found is null)
            {
                return NotFound();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, found.CommunityId, userId, CommunityRoles.Member, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var stream = await blobs.OpenReadAsync(found.FilePath, cancellationToken);
            if (stream is null)
            {
                return NotFound();
            }
            // Content-addressed: the bytes behind an id never change.
            context.Response.Headers.CacheControl = "private, max-age=86400, immutable";
            return TypedResults.Stream(stream, found.ContentType);
        });

        emoji.MapDelete("", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var found = await db.CustomEmojis.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (found is null)
            {
                return NotFound();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, found.CommunityId, userId, CommunityRoles.Moderator, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            db.CustomEmojis.Remove(found);
            await db.SaveChangesAsync(cancellationToken);
            // The blob is not deleted: identical bytes may back another community's emoji.
            await audit.RecordAsync("chat.emoji.deleted", new { emoji_id = id, community_id = found.CommunityId, shortcode = found.Shortcode }, cancellationToken: cancellationToken);
            await events.ToCommunityAsync(found.CommunityId, ChatEventNames.EmojiDeleted, new EmojiDeleted(id, found.CommunityId), cancellationToken);
            return TypedResults.NoContent();
        });
    }

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("emoji_not_found", "No such emoji.");

    private static ProblemHttpResult EmojiExists(string shortcode) =>
        ApiProblem.Conflict("emoji_exists", $"The community already has :{shortcode}:.");

    [GeneratedRegex("^[a-z0-9_]{2,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortcodePattern();
}
