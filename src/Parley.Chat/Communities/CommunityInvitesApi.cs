using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Communities;

/// <summary>Creating invites (<c>/api/chat/communities/{id}/invites</c>) and joining by code (<c>/api/chat/invites/{code}/join</c>).</summary>
internal static class CommunityInvitesApi
{
    public const int MaxExpirySeconds = 365 * 24 * 3600;

    // Unambiguous letters and digits: codes are read aloud and typed by hand.
    private const string CodeAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static void MapCommunityInvites(this RouteGroupBuilder communities, IEndpointRouteBuilder endpoints)
    {
        communities.MapPost("/{id:guid}/invites", async Task<Results<Created<InviteView>, ProblemHttpResult>> (
            Guid id, CreateInviteRequest body, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, id, userId, CommunityRoles.Member, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            if (!CommunityRoles.AtLeast(access.Role, access.Community.WhoCanCreateInvites))
            {
                return CommunityAccess.ForbiddenRole(access.Community.WhoCanCreateInvites);
            }
            var errors = new Dictionary<string, string[]>();
            if (body.MaxUses is < 1)
            {
                errors["max_uses"] = ["must be at least 1, or left out for unlimited"];
            }
            if (body.ExpiresInSeconds is < 1 or > MaxExpirySeconds)
            {
                errors["expires_in_seconds"] = [$"must be 1 to {MaxExpirySeconds}, or left out for never"];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var invite = new CommunityInvite
            {
                CommunityId = id,
                Code = RandomNumberGenerator.GetString(CodeAlphabet, 10),
                CreatedBy = userId,
                MaxUses = body.MaxUses,
                ExpiresAt = body.ExpiresInSeconds is { } seconds ? now.AddSeconds(seconds) : null,
                CreatedAt = now,
            };
            db.CommunityInvites.Add(invite);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/chat/invites/{invite.Code}", InviteView.From(invite));
        });

        endpoints.MapPost("/api/chat/invites/{code}/join", async Task<Results<Ok<CommunityView>, ProblemHttpResult>> (
            string code, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var invite = await db.CommunityInvites.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
            if (invite is null)
            {
                return ApiProblem.NotFound("invite_not_found", "No such invite.");
            }
            var community = await db.Communities.AsNoTracking().FirstAsync(c => c.Id == invite.CommunityId, cancellationToken);
            var existing = await db.CommunityMembers.AsNoTracking()
                .FirstOrDefaultAsync(m => m.CommunityId == community.Id && m.UserId == userId, cancellationToken);
            if (existing is not null)
            {
                // Joining twice is harmless and spends no use.
                return TypedResults.Ok(CommunityView.From(community, existing.Role));
            }
            if (await db.CommunityBans.AnyAsync(b => b.CommunityId == community.Id && b.UserId == userId, cancellationToken))
            {
                return ApiProblem.Forbidden("banned_from_community", "You are banned from this community.");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            if (invite.ExpiresAt is { } expiresAt && expiresAt <= now)
            {
                return ApiProblem.Create(StatusCodes.Status410Gone, "invite_expired", "This invite has expired.");
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The check and the increment are one statement, so two joins cannot both take the last use.
            var taken = await db.CommunityInvites
                .Where(i => i.Id == invite.Id && (i.MaxUses == null || i.UsedCount < i.MaxUses))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedCount, i => i.UsedCount + 1), cancellationToken);
            if (taken == 0)
            {
                return ApiProblem.Create(StatusCodes.Status410Gone, "invite_used_up", "This invite has no uses left.");
            }
            db.CommunityMembers.Add(new CommunityMember { CommunityId = community.Id, UserId = userId, Role = CommunityRoles.Member, JoinedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Ok(CommunityView.From(community, CommunityRoles.Member));
        }).RequirePermission(Permissions.Account).WithTags("Chat: communities");
    }
}
