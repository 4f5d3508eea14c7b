using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Preferences;

/// <summary>
/// <c>/api/chat/preferences</c>: the signed-in user's client settings, one JSON object stored as sent.
/// The server does not interpret it, so clients can add settings without a server release.
/// </summary>
internal static class PreferencesApi
{
    public const int MaxBytes = 64 * 1024;

    public static void MapPreferences(this IEndpointRouteBuilder endpoints)
    {
        var preferences = endpoints.MapGroup("/api/chat/preferences").WithTags("Chat preferences").RequirePermission(Permissions.Account);

        preferences.MapGet("", async Task<Results<ContentHttpResult, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var stored = await db.UserPreferences.AsNoTracking()
                .Where(p => p.UserId == userId).Select(p => p.Preferences)
                .FirstOrDefaultAsync(cancellationToken);
            return TypedResults.Text(stored ?? "{}", "application/json");
        });

        preferences.MapPut("", async Task<Results<ContentHttpResult, ProblemHttpResult>> (
            JsonElement body, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (body.ValueKind != JsonValueKind.Object)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["preferences"] = ["Must be a JSON object."] });
            }
            // Stored verbatim (keys as the client named them), so unknown settings survive a round trip.
            var json = body.GetRawText();
            if (System.Text.Encoding.UTF8.GetByteCount(json) > MaxBytes)
            {
                return ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "preferences_too_large", $"Preferences are limited to {MaxBytes} bytes.");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var row = await db.UserPreferences.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
            if (row is null)
            {
                db.UserPreferences.Add(new UserPreferences { UserId = userId, Preferences = json, UpdatedAt = now });
            }
            else
            {
                row.Preferences = json;
                row.UpdatedAt = now;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two first writes raced; the other one is stored, and a retry would overwrite it as a later PUT does.
                return ApiProblem.Conflict("preferences_conflict", "Preferences changed concurrently; retry.");
            }
            return TypedResults.Text(json, "application/json");
        });
    }
}
