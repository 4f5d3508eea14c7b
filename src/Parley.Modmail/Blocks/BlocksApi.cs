using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Modmail.Commands;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Blocks;

internal sealed record BlockedUserView(string UserId, string UserName, string BlockedBy, DateTime BlockedAt, DateTime? ExpiresAt)
{
    public static BlockedUserView From(BlockedUser b) => new(b.UserId, b.UserName, b.BlockedBy, b.BlockedAt, b.ExpiresAt);
}

/// <param name="UserId">A Chat user id or an email address.</param>
/// <param name="Duration">Rustmail's duration (<c>1d12h</c>); absent: until unblocked.</param>
internal sealed record BlockRequest(string? UserId, string? UserName, string? Duration);

/// <summary>
/// Blocked members (<c>/api/modmail/desks/{id}/blocks</c>): listed with <c>view_tickets</c>, blocked and unblocked with
/// <c>manage_tickets</c>. The seed keys a block by the member alone, so it holds at every desk. Blocking again replaces
/// the expiry. Expired blocks are left out of the list unless <c>?include_expired=true</c>.
/// </summary>
internal static class BlocksApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var blocks = endpoints.MapGroup("/api/modmail/desks/{id:guid}/blocks").WithTags("Modmail: blocks").RequirePermission(Permissions.Account);

        blocks.MapGet("", async Task<Results<Ok<List<BlockedUserView>>, ProblemHttpResult>> (
            Guid id, [FromQuery(Name = "include_expired")] bool? includeExpired, HttpContext context, PanelGate gate, ModmailDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var query = db.BlockedUsers.AsNoTracking();
            if (includeExpired != true)
            {
                query = query.Where(b => b.ExpiresAt == null || b.ExpiresAt > now);
            }
            var rows = await query.OrderByDescending(b => b.BlockedAt).Take(1000).ToListAsync(cancellationToken);
            return TypedResults.Ok(rows.Select(BlockedUserView.From).ToList());
        });

        blocks.MapPost("", async Task<Results<Ok<BlockedUserView>, ProblemHttpResult>> (
            Guid id, BlockRequest body, HttpContext context, PanelGate gate, ModmailDbContext db, CoreDbContext core, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ManageTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var member = MemberIds.Normalize(body.UserId);
            if (member is null)
            {
                errors["user_id"] = ["A Chat user id or an email address."];
            }
            var duration = TimeSpan.Zero;
            if (body.Duration is not null && !Durations.TryParse(body.Duration, out duration))
            {
                errors["duration"] = ["A duration such as 30m, 1d12h or 2w (at most a year)."];
            }
            if (body.UserName is { Length: > 256 })
            {
                errors["user_name"] = ["At most 256 characters."];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var name = body.UserName;
            if (string.IsNullOrWhiteSpace(name))
            {
                name = Guid.TryParse(member, out var userId)
                    ? await core.Users.Where(u => u.Id == userId).Select(u => u.Username).FirstOrDefaultAsync(cancellationToken) ?? member
                    : member;
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var block = await db.BlockedUsers.FirstOrDefaultAsync(b => b.UserId == member, cancellationToken);
            if (block is null)
            {
                block = new BlockedUser { UserId = member!, UserName = name!, BlockedBy = caller.UserId.ToString("D") };
                db.BlockedUsers.Add(block);
            }
            block.UserName = name!;
            block.BlockedBy = caller.UserId.ToString("D");
            block.BlockedAt = now;
            block.ExpiresAt = body.Duration is null ? null : now + duration;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(BlockedUserView.From(block));
        });

        blocks.MapDelete("/{userId}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, string userId, HttpContext context, PanelGate gate, ModmailDbContext db, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ManageTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var member = MemberIds.Normalize(userId);
            return member is not null && await db.BlockedUsers.Where(b => b.UserId == member).ExecuteDeleteAsync(cancellationToken) > 0
                ? TypedResults.NoContent()
                : ApiProblem.NotFound("block_not_found", "That member is not blocked.");
        });
    }
}

/// <summary>A member as <c>threads.user_id</c> names them: a Chat user id (a GUID, "D" format) or a lower-case email address.</summary>
internal static class MemberIds
{
    public static string? Normalize(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 320)
        {
            return null;
        }
        if (Guid.TryParse(text, out var id))
        {
            return id.ToString("D");
        }
        var at = text.LastIndexOf('@');
        return at > 0 && at < text.Length - 1 && !text.Any(char.IsWhiteSpace) ? text.ToLowerInvariant() : null;
    }
}
