using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Communities;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Blocks;

/// <summary><c>/api/chat/blocks</c>: the caller's own block list.</summary>
internal static class BlocksApi
{
    public static void MapBlocks(this IEndpointRouteBuilder endpoints)
    {
        var blocks = endpoints.MapGroup("/api/chat/blocks").WithTags("Chat: blocks").RequirePermission(Permissions.Account);

        blocks.MapGet("", async Task<Results<Ok<List<BlockView>>, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var list = await db.UserBlocks.AsNoTracking().Where(b => b.BlockerId == userId)
                .OrderBy(b => b.CreatedAt).Select(b => new BlockView(b.BlockedId, b.CreatedAt)).ToListAsync(cancellationToken);
            return TypedResults.Ok(list);
        });

        // PUT: blocking someone already blocked is a no-op, not an error.
        blocks.MapPut("/{blockedId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid blockedId, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (blockedId == userId)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["user_id"] = ["cannot block yourself"] });
            }
            if (!await db.UserBlocks.AnyAsync(b => b.BlockerId == userId && b.BlockedId == blockedId, cancellationToken))
            {
                db.UserBlocks.Add(new UserBlock { BlockerId = userId, BlockedId = blockedId, CreatedAt = clock.GetUtcNow().UtcDateTime });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // A concurrent identical request may have stored it first: the outcome is the same.
                    if (!await db.UserBlocks.AsNoTracking().AnyAsync(b => b.BlockerId == userId && b.BlockedId == blockedId, cancellationToken))
                    {
                        throw;
                    }
                }
            }
            return TypedResults.NoContent();
        });

        blocks.MapDelete("/{blockedId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid blockedId, HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var removed = await db.UserBlocks.Where(b => b.BlockerId == userId && b.BlockedId == blockedId).ExecuteDeleteAsync(cancellationToken);
            return removed == 0 ? ApiProblem.NotFound("block_not_found", "You have not blocked that user.") : TypedResults.NoContent();
        });
    }
}

internal sealed record BlockView(Guid UserId, DateTime CreatedAt);
