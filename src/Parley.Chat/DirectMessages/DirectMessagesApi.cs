using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.Groups;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.DirectMessages;

/// <summary><c>/api/chat/dms</c>: the one DM channel of a pair of users, opened on first use, and the caller's list.</summary>
internal static class DirectMessagesApi
{
    public static void MapDirectMessages(this IEndpointRouteBuilder endpoints)
    {
        var dms = endpoints.MapGroup("/api/chat/dms").WithTags("Chat: direct messages").RequirePermission(Permissions.Account);

        dms.MapPost("", async Task<Results<Ok<DmView>, Created<DmView>, ProblemHttpResult>> (
            OpenDmRequest body, HttpContext context, ChatDbContext db, CoreDbContext core, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (body.UserId is not { } otherId || otherId == userId)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["user_id"] = ["must name another user"] });
            }
            if (!await core.Users.AnyAsync(u => u.Id == otherId, cancellationToken))
            {
                return ApiProblem.NotFound("user_not_found", "No such user.");
            }
            if (await db.UserBlocks.AnyAsync(b => (b.BlockerId == userId && b.BlockedId == otherId) || (b.BlockerId == otherId && b.BlockedId == userId), cancellationToken))
            {
                return ApiProblem.Forbidden("user_blocked", "One of you has blocked the other.");
            }
            var (lower, higher) = DmPair.Order(userId, otherId);
            if (await FindAsync(db, lower, higher, cancellationToken) is { } existing)
            {
                return TypedResults.Ok(new DmView(existing.ChannelId, otherId, existing.CreatedAt));
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var channel = new Channel { Name = "dm", ChannelType = ChannelTypes.Dm, CreatedBy = userId, CreatedAt = now, UpdatedAt = now };
            db.Channels.Add(channel);
            db.ChannelMembers.Add(new ChannelMember { ChannelId = channel.Id, UserId = userId, Role = GroupRoles.Member, JoinedAt = now });
            db.ChannelMembers.Add(new ChannelMember { ChannelId = channel.Id, UserId = otherId, Role = GroupRoles.Member, JoinedAt = now });
            db.DmPairs.Add(DmPair.For(userId, otherId, channel.Id, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Both users opened the DM at once and the other request won: answer with its channel.
                db.ChangeTracker.Clear();
                if (await FindAsync(db, lower, higher, cancellationToken) is { } raced)
                {
                    return TypedResults.Ok(new DmView(raced.ChannelId, otherId, raced.CreatedAt));
                }
                throw;
            }
            return TypedResults.Created($"/api/chat/channels/{channel.Id}", new DmView(channel.Id, otherId, now));
        });

        dms.MapGet("", async Task<Results<Ok<List<DmView>>, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var pairs = await db.DmPairs.AsNoTracking()
                .Where(p => p.UserA == userId || p.UserB == userId)
                .OrderByDescending(p => p.CreatedAt)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(pairs.Select(p => new DmView(p.ChannelId, p.UserA == userId ? p.UserB : p.UserA, p.CreatedAt)).ToList());
        });
    }

    private static Task<DmPair?> FindAsync(ChatDbContext db, Guid lower, Guid higher, CancellationToken cancellationToken) =>
        db.DmPairs.AsNoTracking().FirstOrDefaultAsync(p => p.UserA == lower && p.UserB == higher, cancellationToken);
}

internal sealed record OpenDmRequest(Guid? UserId);

internal sealed record DmView(Guid ChannelId, Guid UserId, DateTime CreatedAt);
