using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.Users;

/// <summary>
/// <c>GET /api/chat/users?ids=a,b</c> or <c>?username=x</c>: the public names of users, so clients can show
/// who sent a message or is typing, and open a DM by username. Only what a chat partner sees anyway
/// (id, username, display name, whether it is a bot); mentions already resolve usernames the same way.
/// </summary>
internal static class UserDirectoryApi
{
    /// <summary>How many ids one lookup takes: a page of history names far fewer people.</summary>
    public const int MaxIds = 100;

    public static void MapUserDirectory(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/chat/users", async Task<Results<Ok<List<UserCard>>, ProblemHttpResult>> (
            string? ids, string? username, HttpContext context, CoreDbContext core, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is null)
            {
                return ApiProblem.UserRequired();
            }
            if (!string.IsNullOrWhiteSpace(username))
            {
                var name = username.Trim();
                var found = await core.Users.AsNoTracking().Where(u => u.Username == name)
                    .Select(u => new UserCard(u.Id, u.Username, u.DisplayName, u.IsBot)).ToListAsync(cancellationToken);
                return TypedResults.Ok(found);
            }
            var parts = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var wanted = new List<Guid>();
            foreach (var part in parts)
            {
                if (!Guid.TryParse(part, out var id))
                {
                    return ApiProblem.Validation(new Dictionary<string, string[]> { ["ids"] = ["must be user ids separated by commas"] });
                }
                wanted.Add(id);
            }
            if (wanted.Count == 0 || wanted.Count > MaxIds)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["ids"] = [$"must name 1 to {MaxIds} users (or pass username)"] });
            }
            var cards = await core.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
                .Select(u => new UserCard(u.Id, u.Username, u.DisplayName, u.IsBot)).ToListAsync(cancellationToken);
            return TypedResults.Ok(cards);
        }).WithTags("Chat: users").RequirePermission(Permissions.Account);
    }
}

/// <summary>A user as other chat users see them; <c>is_bot</c> marks an account the server acts as (a support bot).</summary>
public sealed record UserCard(Guid Id, string Username, string? DisplayName, bool IsBot);
