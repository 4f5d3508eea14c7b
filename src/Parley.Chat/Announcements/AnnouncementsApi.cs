using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Announcements;

internal sealed record CreateAnnouncementRequest(string Title, string Body);

internal sealed record AnnouncementView(Guid Id, string Title, string Body, Guid CreatedBy, DateTime CreatedAt)
{
    public static AnnouncementView From(Announcement a) => new(a.Id, a.Title, a.Body, a.CreatedBy, a.CreatedAt);
}

/// <summary>
/// <c>/api/chat/announcements</c>: administrators post instance-wide announcements; each user
/// sees the ones they have not dismissed.
/// </summary>
internal static class AnnouncementsApi
{
    public const int MaxBodyLength = 10_000;
    public const int ListLimit = 50;

    public static void MapAnnouncements(this IEndpointRouteBuilder endpoints)
    {
        var announcements = endpoints.MapGroup("/api/chat/announcements").WithTags("Chat announcements");

        announcements.MapPost("", async Task<Results<Created<AnnouncementView>, ProblemHttpResult>> (
            CreateAnnouncementRequest body, HttpContext context, ChatDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(body.Title) || body.Title.Length > Announcement.TitleMaxLength)
            {
                errors["title"] = [$"Required, at most {Announcement.TitleMaxLength} characters."];
            }
            if (string.IsNullOrWhiteSpace(body.Body) || body.Body.Length > MaxBodyLength)
            {
                errors["body"] = [$"Required, at most {MaxBodyLength} characters."];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var announcement = new Announcement
            {
                Title = body.Title.Trim(), Body = body.Body, CreatedBy = userId, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Announcements.Add(announcement);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.announcement.created", new { announcement_id = announcement.Id, title = announcement.Title }, cancellationToken: cancellationToken);
            return TypedResults.Created($"/api/chat/announcements/{announcement.Id}", AnnouncementView.From(announcement));
        }).RequirePermission(Permissions.UsersWrite);

        announcements.MapGet("", async Task<Results<Ok<List<AnnouncementView>>, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            // The seed gives announcements no end date: every announcement is active until each user dismisses it.
            var active = await db.Announcements.AsNoTracking()
                .Where(a => !db.AnnouncementDismissals.Any(d => d.AnnouncementId == a.Id && d.UserId == userId))
                .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
                .Take(ListLimit)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(active.Select(AnnouncementView.From).ToList());
        }).RequirePermission(Permissions.Account);

        announcements.MapPost("/{id:guid}/dismiss", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (!await db.Announcements.AnyAsync(a => a.Id == id, cancellationToken))
            {
                return ApiProblem.NotFound("announcement_not_found", "No such announcement.");
            }
            if (await db.AnnouncementDismissals.AnyAsync(d => d.AnnouncementId == id && d.UserId == userId, cancellationToken))
            {
                return TypedResults.NoContent();
            }
            db.AnnouncementDismissals.Add(new AnnouncementDismissal { AnnouncementId = id, UserId = userId, DismissedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A concurrent dismissal from another device got there first: dismissing is idempotent.
            }
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.Account);
    }
}
