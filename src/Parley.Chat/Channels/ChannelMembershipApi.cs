using Parley.Core.Audit;
using Parley.Chat.Communities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Groups;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Chat.Users;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.Channels;

/// <summary>
/// Joining and leaving a group channel (<c>/api/chat/channels/{id}/join|leave</c>) and its member list.
/// Any member of the community may join a channel they are not banned from; leaving ends reading and
/// posting there at once, on every connection. DM channels are joined by opening the DM, never here. A private
/// channel is never joined here either: its members are added by the server, and to anyone else it answers as
/// an unknown channel; its members may leave it.
/// </summary>
internal static class ChannelMembershipApi
{
    public static void MapChannelMembership(this IEndpointRouteBuilder endpoints)
    {
        var channel = endpoints.MapGroup("/api/chat/channels/{channelId:guid}").WithTags("Chat: channels").RequirePermission(Permissions.Account);

        channel.MapPost("/join", async Task<Results<Ok<ChannelMemberView>, ProblemHttpResult>> (
            Guid channelId, HttpContext context, ChatDbContext db, ChatEvents events, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var found = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
            if (found is null)
            {
                return ApiProblem.NotFound("channel_not_found", "No such channel.");
            }
            if (found.IsPrivate)
            {
                // A member joining again is answered with their membership; nobody else learns the channel exists.
                var mine = await db.ChannelMembers.AsNoTracking().FirstOrDefaultAsync(m => m.ChannelId == channelId && m.UserId == userId, cancellationToken);
                return mine is null ? ChannelVisibility.Hidden().ToProblem() : TypedResults.Ok(new ChannelMemberView(mine.UserId, mine.Role, mine.JoinedAt));
            }
            if (found.GroupId is not { } groupId)
            {
                return ApiProblem.Forbidden("not_a_channel_member", "A direct-message channel is joined by opening the DM.");
            }
            var communityId = await db.Groups.Where(g => g.Id == groupId).Select(g => g.CommunityId).FirstAsync(cancellationToken);
            if (!await db.CommunityMembers.AnyAsync(m => m.CommunityId == communityId && m.UserId == userId, cancellationToken))
            {
                return ApiProblem.Forbidden("not_a_member", "You are not a member of this channel's community.");
            }
            if (await db.ChannelBans.AnyAsync(b => b.ChannelId == channelId && b.UserId == userId, cancellationToken))
            {
                return ApiProblem.Forbidden("channel_banned", "You are banned from this channel.");
            }
            var existing = await db.ChannelMembers.AsNoTracking().FirstOrDefaultAsync(m => m.ChannelId == channelId && m.UserId == userId, cancellationToken);
            if (existing is not null)
            {
                return TypedResults.Ok(new ChannelMemberView(existing.UserId, existing.Role, existing.JoinedAt));
            }
            var member = new ChannelMember { ChannelId = channelId, UserId = userId, Role = GroupRoles.Member, JoinedAt = clock.GetUtcNow().UtcDateTime };
            db.ChannelMembers.Add(member);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A second join raced this one in; the member is in either way.
                db.ChangeTracker.Clear();
            }
            var view = new ChannelMemberView(member.UserId, member.Role, member.JoinedAt);
            await events.ToChannelAsync(channelId, ChatEventNames.ChannelMemberJoined, new ChannelMemberJoined(channelId, view), cancellationToken);
            return TypedResults.Ok(view);
        });

        channel.MapPost("/leave", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid channelId, HttpContext context, ChatDbContext db, ChatEvents events, ChatConnections connections, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var found = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
            if (found is null)
            {
                return ApiProblem.NotFound("channel_not_found", "No such channel.");
            }
            if (found.GroupId is null)
            {
                return ApiProblem.Conflict("dm_cannot_be_left", "A DM stays between its two people; block the other to stop it.");
            }
            var removed = await db.ChannelMembers.Where(m => m.ChannelId == channelId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            if (removed == 0)
            {
                return found.IsPrivate
                    ? ChannelVisibility.Hidden().ToProblem()
                    : ApiProblem.Forbidden("not_a_channel_member", "You are not in this channel.");
            }
            await connections.RevokeChannelAsync(userId, channelId, cancellationToken);
            await events.ToChannelAsync(channelId, ChatEventNames.ChannelMemberLeft, new ChannelMemberLeft(channelId, userId), cancellationToken);
            return TypedResults.NoContent();
        });

        channel.MapPut("/members/{memberId:guid}/role", async Task<Results<Ok<ChannelMemberView>, ProblemHttpResult>> (
            Guid channelId, Guid memberId, SetChannelRoleRequest body, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (body.Role is not (GroupRoles.Admin or GroupRoles.Member))
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["role"] = ["must be admin or member (the owner is whoever made the channel)"] });
            }
            var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Read, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (access is null)
            {
                return refusal!.ToProblem();
            }
            // The channel's owner and admins run it, and community admins outrank every channel of their community.
            if (access.Channel.GroupId is null
                || !(access.ChannelRole is GroupRoles.Owner or GroupRoles.Admin || CommunityRoles.AtLeast(access.CommunityRole, CommunityRoles.Admin)))
            {
                return ApiProblem.Forbidden("forbidden_role", "Channel roles are set by the channel's owner or admins, or community admins.");
            }
            var target = await db.ChannelMembers.FirstOrDefaultAsync(m => m.ChannelId == channelId && m.UserId == memberId, cancellationToken);
            if (target is null)
            {
                return ApiProblem.NotFound("channel_member_not_found", "That user is not in the channel.");
            }
            if (target.Role == GroupRoles.Owner)
            {
                return ApiProblem.Forbidden("forbidden_role", "The channel owner's role does not change.");
            }
            target.Role = body.Role;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.channel.role_changed", new { channel_id = channelId, user_id = memberId, role = body.Role }, cancellationToken: cancellationToken);
            var view = new ChannelMemberView(target.UserId, target.Role, target.JoinedAt);
            await events.ToChannelAsync(channelId, ChatEventNames.ChannelMemberUpdated, new ChannelMemberJoined(channelId, view), cancellationToken);
            return TypedResults.Ok(view);
        });

        channel.MapGet("/members", async Task<Results<Ok<List<ChannelMemberView>>, ProblemHttpResult>> (
            Guid channelId, HttpContext context, ChatDbContext db, CoreDbContext core, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Read, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (access is null)
            {
                return refusal!.ToProblem();
            }
            var members = await db.ChannelMembers.AsNoTracking().Where(m => m.ChannelId == channelId).OrderBy(m => m.JoinedAt)
                .Select(m => new ChannelMemberView(m.UserId, m.Role, m.JoinedAt, false)).ToListAsync(cancellationToken);
            var bots = await BotAccounts.AmongAsync(core, members.Select(m => m.UserId).ToList(), cancellationToken);
            return TypedResults.Ok(members.Select(m => m with { IsBot = bots.Contains(m.UserId) }).ToList());
        });
    }
}

/// <summary>A channel member; <c>is_bot</c> is filled in the member list (a bot account the server acts as).</summary>
public sealed record ChannelMemberView(Guid UserId, string Role, DateTime JoinedAt, bool IsBot = false);

public sealed record ChannelMemberJoined(Guid ChannelId, ChannelMemberView Member);

public sealed record ChannelMemberLeft(Guid ChannelId, Guid UserId);

public sealed record SetChannelRoleRequest(string? Role);
