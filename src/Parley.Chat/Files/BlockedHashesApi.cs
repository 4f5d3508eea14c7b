using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Files;

/// <summary>
/// The instance's list of banned content (<c>/api/chat/blocked-hashes</c>): uploads whose SHA-256 is
/// listed are refused. Instance administrators only (<see cref="Permissions.UsersWrite"/>), since the
/// list applies to every user and community.
/// </summary>
internal static class BlockedHashesApi
{
    public static void MapBlockedHashes(this IEndpointRouteBuilder endpoints)
    {
        var blocked = endpoints.MapGroup("/api/chat/blocked-hashes").WithTags("Chat: files").RequirePermission(Permissions.UsersWrite);

        blocked.MapGet("", async (ChatDbContext db, CancellationToken cancellationToken) =>
            TypedResults.Ok(await db.BlockedHashes.AsNoTracking().OrderBy(b => b.CreatedAt)
                .Select(b => new BlockedHashView(b.Id, b.Hash, b.Reason, b.BlockedBy, b.CreatedAt)).ToListAsync(cancellationToken)));

        blocked.MapPost("", async Task<Results<Created<BlockedHashView>, ProblemHttpResult>> (
            BlockHashRequest body, HttpContext context, ChatDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var hash = body.Hash?.Trim().ToLowerInvariant();
            var errors = new Dictionary<string, string[]>();
            if (hash is null || !Parley.Core.Blobs.BlobKey.IsValid(hash))
            {
                errors["hash"] = ["must be a SHA-256 as 64 hex characters"];
            }
            if (body.Reason is { Length: > 500 })
            {
                errors["reason"] = ["at most 500 characters"];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            if (await db.BlockedHashes.AnyAsync(b => b.Hash == hash, cancellationToken))
            {
                return ApiProblem.Conflict("hash_already_blocked", "That hash is already blocked.");
            }
            var entry = new BlockedHash { Hash = hash!, Reason = body.Reason, BlockedBy = userId, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.BlockedHashes.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.blocked_hash.added", new { blocked_hash_id = entry.Id, hash = entry.Hash }, cancellationToken: cancellationToken);
            var view = new BlockedHashView(entry.Id, entry.Hash, entry.Reason, entry.BlockedBy, entry.CreatedAt);
            return TypedResults.Created($"/api/chat/blocked-hashes/{entry.Id}", view);
        });

        blocked.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, ChatDbContext db, AuditLog audit, CancellationToken cancellationToken) =>
        {
            var removed = await db.BlockedHashes.Where(b => b.Id == id).ExecuteDeleteAsync(cancellationToken);
            if (removed == 0)
            {
                return ApiProblem.NotFound("blocked_hash_not_found", "No such blocked hash.");
            }
            await audit.RecordAsync("chat.blocked_hash.removed", new { blocked_hash_id = id }, cancellationToken: cancellationToken);
            return TypedResults.NoContent();
        });
    }
}

public sealed record BlockHashRequest(string? Hash = null, string? Reason = null);

public sealed record BlockedHashView(Guid Id, string Hash, string? Reason, Guid BlockedBy, DateTime CreatedAt);
