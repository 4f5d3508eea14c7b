using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Chat.Users;
using Parley.Core.Audit;
using Parley.Core.Events;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.Communities;

/// <summary>
/// Members of a community: list, roles, nicknames, kick, ban, leave, ownership. A moderator or
/// above acts only on members ranked below them, so staff cannot remove their equals or superiors.
/// </summary>
internal static class CommunityMembersApi
{
    public static void MapCommunityMembers(this RouteGroupBuilder communities)
    {
        communities.MapGet("/{id:guid}/members", async Task<Results<Ok<List<MemberView>>, ProblemHttpResult>> (
            Guid id, HttpContext context, ChatDbContext db, CoreDbContext core, CancellationToken cancellationToken) =>
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
            var members = await db.CommunityMembers.AsNoTracking().Where(m => m.CommunityId == id)
                .OrderBy(m => m.JoinedAt).ToListAsync(cancellationToken);
            var bots = await BotAccounts.AmongAsync(core, members.Select(m => m.UserId).ToList(), cancellationToken);
            return TypedResults.Ok(members.Select(m => MemberView.From(m) with { IsBot = bots.Contains(m.UserId) }).ToList());
        });

        communities.MapPut("/{id:guid}/members/{memberId:guid}/role", async Task<Results<Ok<MemberView>, ProblemHttpResult>> (
            Guid id, Guid memberId, SetRoleRequest body, HttpContext context, ChatDbContext db, AuditLog audit, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, id, userId, CommunityRoles.Admin, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            if (body.Role is not (CommunityRoles.Member or CommunityRoles.Moderator or CommunityRoles.Admin))
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["role"] = ["must be member, moderator or admin (ownership moves by transfer)"] });
            }
            var target = await FindMemberAsync(db, id, memberId, cancellationToken);
            if (target is null)
            {
                return MemberNotFound();
            }
            if (target.Role == CommunityRoles.Owner)
            {
                return ApiProblem.Forbidden("cannot_change_owner", "The owner's role changes only by transferring ownership.");
            }
            var rank = CommunityRoles.Rank(access.Role);
            if (CommunityRoles.Rank(target.Role) >= rank || CommunityRoles.Rank(body.Role) >= rank)
            {
                return ApiProblem.Forbidden("forbidden_role", "You can only change roles below your own.");
            }
            var previous = target.Role;
            target.Role = body.Role;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.community.role_changed",
                new { community_id = id, user_id = memberId, from = previous, to = body.Role }, cancellationToken: cancellationToken);
            return TypedResults.Ok(MemberView.From(target));
        });

        communities.MapPut("/{id:guid}/members/{memberId:guid}/nickname", async Task<Results<Ok<MemberView>, ProblemHttpResult>> (
            Guid id, Guid memberId, SetNicknameRequest body, HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
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
            var nickname = string.IsNullOrWhiteSpace(body.Nickname) ? null : body.Nickname.Trim();
            if (nickname is { Length: > 64 })
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["nickname"] = ["must be at most 64 characters"] });
            }
            var target = memberId == userId ? access.Member : await FindMemberAsync(db, id, memberId, cancellationToken);
            if (target is null)
            {
                return MemberNotFound();
            }
            if (target != access.Member && ModerationRefusal(access, target) is { } refusal)
            {
                return refusal;
            }
            target.Nickname = nickname;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(MemberView.From(target));
        });

        communities.MapDelete("/{id:guid}/members/{memberId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, Guid memberId, HttpContext context, ChatDbContext db, AuditLog audit, ChatConnections connections, ChatEvents events,
            EventBus bus, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, id, userId, CommunityRoles.Moderator, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var target = await FindMemberAsync(db, id, memberId, cancellationToken);
            if (target is null)
            {
                return MemberNotFound();
            }
            if (ModerationRefusal(access, target) is { } refusal)
            {
                return refusal;
            }
            var departure = await RemoveMemberAsync(db, target, cancellationToken);
            await ChannelDeparture.AnnounceAsync(departure, connections, events, cancellationToken);
            await audit.RecordAsync("chat.community.member_kicked", new { community_id = id, user_id = memberId }, cancellationToken: cancellationToken);
            await bus.PublishAsync(new ChatMemberLeft(id, memberId, "kicked"), cancellationToken);
            return TypedResults.NoContent();
        });

        communities.MapPost("/{id:guid}/bans", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, BanRequest body, HttpContext context, ChatDbContext db, AuditLog audit, ChatConnections connections, ChatEvents events,
            EventBus bus, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, id, userId, CommunityRoles.Moderator, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            if (body.UserId is not { } bannedId || bannedId == userId)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["user_id"] = ["must name another user"] });
            }
            var target = await FindMemberAsync(db, id, bannedId, cancellationToken);
            if (target is not null && ModerationRefusal(access, target) is { } refusal)
            {
                return refusal;
            }
            if (!await db.CommunityBans.AnyAsync(b => b.CommunityId == id && b.UserId == bannedId, cancellationToken))
            {
                db.CommunityBans.Add(new CommunityBan
                {
                    CommunityId = id,
                    UserId = bannedId,
                    BannedBy = userId,
                    Reason = body.Reason,
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                });
            }
            if (target is not null)
            {
                var departure = await RemoveMemberAsync(db, target, cancellationToken);
                await ChannelDeparture.AnnounceAsync(departure, connections, events, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.community.member_banned",
                new { community_id = id, user_id = bannedId, reason = body.Reason }, cancellationToken: cancellationToken);
            if (target is not null)
            {
                await bus.PublishAsync(new ChatMemberLeft(id, bannedId, "banned"), cancellationToken);
            }
            return TypedResults.NoContent();
        });

        communities.MapDelete("/{id:guid}/bans/{bannedId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, Guid bannedId, HttpContext context, ChatDbContext db, AuditLog audit, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, id, userId, CommunityRoles.Moderator, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var removed = await db.CommunityBans.Where(b => b.CommunityId == id && b.UserId == bannedId).ExecuteDeleteAsync(cancellationToken);
            if (removed == 0)
            {
                return ApiProblem.NotFound("ban_not_found", "That user is not banned here.");
            }
            await audit.RecordAsync("chat.community.member_unbanned", new { community_id = id, user_id = bannedId }, cancellationToken: cancellationToken);
            return TypedResults.NoContent();
        });

        communities.MapPost("/{id:guid}/leave", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, HttpContext context, ChatDbContext db, ChatConnections connections, ChatEvents events, EventBus bus, CancellationToken cancellationToken) =>
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
            if (access.Role == CommunityRoles.Owner)
            {
                return ApiProblem.Conflict("owner_must_transfer", "Transfer ownership to another member before leaving.");
            }
            var departure = await RemoveMemberAsync(db, access.Member, cancellationToken);
            await ChannelDeparture.AnnounceAsync(departure, connections, events, cancellationToken);
            await bus.PublishAsync(new ChatMemberLeft(id, userId, "left"), cancellationToken);
            return TypedResults.NoContent();
        });

        communities.MapPost("/{id:guid}/transfer", async Task<Results<Ok<CommunityView>, ProblemHttpResult>> (
            Guid id, TransferOwnershipRequest body, HttpContext context, ChatDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, id, userId, CommunityRoles.Owner, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            if (body.UserId is not { } newOwnerId || newOwnerId == userId)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["user_id"] = ["must name another member"] });
            }
            var target = await FindMemberAsync(db, id, newOwnerId, cancellationToken);
            if (target is null)
            {
                return MemberNotFound();
            }
            // The old owner stays on as an admin, so the hand-over cannot lock them out.
            access.Member.Role = CommunityRoles.Admin;
            target.Role = CommunityRoles.Owner;
            access.Community.OwnerId = newOwnerId;
            access.Community.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.community.ownership_transferred",
                new { community_id = id, from = userId, to = newOwnerId }, cancellationToken: cancellationToken);
            return TypedResults.Ok(CommunityView.From(access.Community, CommunityRoles.Admin));
        });
    }

    private static Task<CommunityMember?> FindMemberAsync(ChatDbContext db, Guid communityId, Guid userId, CancellationToken cancellationToken) =>
        db.CommunityMembers.FirstOrDefaultAsync(m => m.CommunityId == communityId && m.UserId == userId, cancellationToken);

    private static ProblemHttpResult MemberNotFound() => ApiProblem.NotFound("member_not_found", "That user is not a member of this community.");

    /// <summary>Why the caller may not moderate <paramref name="target"/>, or null when they may.</summary>
    private static ProblemHttpResult? ModerationRefusal(CommunityAccess access, CommunityMember target)
    {
        if (!CommunityRoles.AtLeast(access.Role, CommunityRoles.Moderator))
        {
            return CommunityAccess.ForbiddenRole(CommunityRoles.Moderator);
        }
        return CommunityRoles.Rank(target.Role) >= CommunityRoles.Rank(access.Role)
            ? ApiProblem.Forbidden("forbidden_role", "You can only act on members ranked below you.")
            : null;
    }

    /// <summary>
    /// Removes the membership, and the group and channel memberships inside the community with it; saves
    /// pending changes too. The caller announces the returned departure once this has committed.
    /// </summary>
    private static async Task<ChannelDeparture.Departure> RemoveMemberAsync(ChatDbContext db, CommunityMember member, CancellationToken cancellationToken)
    {
        // One transaction: the bulk delete runs at once, and the membership (and any ban the caller
        // added) must not be left half-removed if the save fails.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var groupIds = db.Groups.Where(g => g.CommunityId == member.CommunityId).Select(g => g.Id);
        await db.GroupMembers.Where(m => m.UserId == member.UserId && groupIds.Contains(m.GroupId)).ExecuteDeleteAsync(cancellationToken);
        var departure = await ChannelDeparture.LeaveCommunityChannelsAsync(db, member.CommunityId, member.UserId, cancellationToken);
        db.CommunityMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return departure;
    }
}
