using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.Presence;

/// <summary>
/// <c>PUT /api/chat/presence</c> sets the caller's presence (as the hub's <c>SetPresence</c> does);
/// <c>GET /api/chat/presence?user_ids=a,b</c> reads that of people who share a community or DM with the
/// caller (others are left out), invisible ones as offline.
/// </summary>
internal static class PresenceApi
{
    public const int MaxUserIds = 100;

    public static void MapPresence(this IEndpointRouteBuilder endpoints)
    {
        var presence = endpoints.MapGroup("/api/chat/presence").WithTags("Chat: presence").RequirePermission(Permissions.Account);

        presence.MapPut("", async Task<Results<Ok<PresenceView>, ProblemHttpResult>> (
            SetPresenceRequest body, HttpContext context, PresenceChanges changes, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (PresenceChanges.Check(body.Status, body.CustomStatus) is { } refusal)
            {
                return refusal.ToProblem();
            }
            return TypedResults.Ok(await changes.SetAsync(userId, body.Status!, body.CustomStatus, cancellationToken));
        });

        presence.MapGet("", async Task<Results<Ok<List<PresenceView>>, ProblemHttpResult>> (
            [FromQuery(Name = "user_ids")] string? userIds, HttpContext context, PresenceChanges changes, CoreDbContext core, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var ids = new List<Guid>();
            foreach (var part in (userIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Guid.TryParse(part, out var id))
                {
                    ids.Clear();
                    break;
                }
                ids.Add(id);
            }
            if (ids.Count is 0 or > MaxUserIds)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["user_ids"] = [$"1 to {MaxUserIds} user ids, comma-separated"] });
            }
            var contacts = (await changes.ContactsAsync(userId, cancellationToken)).ToHashSet();
            var visible = ids.Distinct().Where(id => id == userId || contacts.Contains(id)).ToList();
            var views = await core.Users.AsNoTracking().Where(u => visible.Contains(u.Id))
                .Select(u => new PresenceView(u.Id, u.Status, u.CustomStatus)).ToListAsync(cancellationToken);
            return TypedResults.Ok(views.Select(v => v.UserId == userId ? v : PresenceStatuses.AsSeenByOthers(v)).ToList());
        });
    }
}
