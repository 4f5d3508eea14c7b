using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Messages;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Bookmarks;

/// <summary>
/// A user's saved messages (<c>/api/chat/bookmarks</c>). Saving needs read access to the message;
/// the list shows only messages the user can still read, so leaving a channel hides its bookmarks.
/// Changes go to the user's own group, so their other devices follow.
/// </summary>
internal static class BookmarksApi
{
    public const int MaxNoteLength = 1000;

    public static void MapBookmarks(this IEndpointRouteBuilder endpoints)
    {
        var bookmarks = endpoints.MapGroup("/api/chat/bookmarks").WithTags("Chat: bookmarks").RequirePermission(Permissions.Account);

        bookmarks.MapPost("", async Task<Results<Created<BookmarkView>, ProblemHttpResult>> (
            CreateBookmarkRequest body, HttpContext context, ChatDbContext db, ChatEvents events, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var errors = CheckNote(body.Note);
            if (body.MessageId is null)
            {
                errors["message_id"] = ["Required."];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var (message, access, problem) = await MessagesApi.ResolveAsync(db, body.MessageId!.Value, userId, ChannelNeed.Read, clock, cancellationToken);
            if (message is null)
            {
                return problem!;
            }
            if (await db.Bookmarks.AnyAsync(b => b.UserId == userId && b.MessageId == message.Id, cancellationToken))
            {
                return ApiProblem.Conflict("bookmark_exists", "You already saved this message.");
            }
            var bookmark = new Bookmark { UserId = userId, MessageId = message.Id, Note = Normalize(body.Note), CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Bookmarks.Add(bookmark);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return ApiProblem.Conflict("bookmark_exists", "You already saved this message.");
            }
            var view = new BookmarkView(bookmark.Id, MessageView.From(message, access!.IsStaff), bookmark.Note, bookmark.CreatedAt);
            await events.ToUserAsync(userId, ChatEventNames.BookmarkCreated, view, cancellationToken);
            return TypedResults.Created($"/api/chat/bookmarks/{bookmark.Id}", view);
        });

        bookmarks.MapGet("", async Task<Results<Ok<List<BookmarkView>>, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var rows = await db.Bookmarks.AsNoTracking().Where(b => b.UserId == userId)
                .Join(db.Messages.AsNoTracking(), b => b.MessageId, m => m.Id, (b, m) => new { Bookmark = b, Message = m })
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var readable = new Dictionary<Guid, ChannelAccess?>();
            var views = new List<BookmarkView>();
            foreach (var row in rows.OrderByDescending(r => r.Bookmark.CreatedAt))
            {
                var channelId = row.Message.ChannelId;
                if (!readable.TryGetValue(channelId, out var access))
                {
                    (access, _) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Read, now, cancellationToken);
                    readable[channelId] = access;
                }
                if (access is not null)
                {
                    views.Add(new BookmarkView(row.Bookmark.Id, MessageView.From(row.Message, access.IsStaff), row.Bookmark.Note, row.Bookmark.CreatedAt));
                }
            }
            return TypedResults.Ok(views);
        });

        bookmarks.MapPatch("/{id:guid}", async Task<Results<Ok<BookmarkView>, ProblemHttpResult>> (
            Guid id, UpdateBookmarkRequest body, HttpContext context, ChatDbContext db, ChatEvents events, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var errors = CheckNote(body.Note);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var bookmark = await db.Bookmarks.FirstOrDefaultAsync(b => b.Id == id && b.UserId == userId, cancellationToken);
            if (bookmark is null)
            {
                return NotFound();
            }
            var (message, access, problem) = await MessagesApi.ResolveAsync(db, bookmark.MessageId, userId, ChannelNeed.Read, clock, cancellationToken);
            if (message is null)
            {
                return problem!;
            }
            bookmark.Note = Normalize(body.Note);
            await db.SaveChangesAsync(cancellationToken);
            var view = new BookmarkView(bookmark.Id, MessageView.From(message, access!.IsStaff), bookmark.Note, bookmark.CreatedAt);
            await events.ToUserAsync(userId, ChatEventNames.BookmarkUpdated, view, cancellationToken);
            return TypedResults.Ok(view);
        });

        bookmarks.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, HttpContext context, ChatDbContext db, ChatEvents events, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (await db.Bookmarks.Where(b => b.Id == id && b.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                return NotFound();
            }
            await events.ToUserAsync(userId, ChatEventNames.BookmarkDeleted, new BookmarkDeleted(id), cancellationToken);
            return TypedResults.NoContent();
        });
    }

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("bookmark_not_found", "No such bookmark of yours.");

    private static Dictionary<string, string[]> CheckNote(string? note) =>
        note is { Length: > MaxNoteLength }
            ? new(StringComparer.Ordinal) { ["note"] = [$"At most {MaxNoteLength} characters."] }
            : new(StringComparer.Ordinal);

    private static string? Normalize(string? note) => string.IsNullOrWhiteSpace(note) ? null : note;
}
