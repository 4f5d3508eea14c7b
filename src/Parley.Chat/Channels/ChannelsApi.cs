using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Communities;
using Parley.Chat.Groups;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Channels;

/// <summary>
/// Channels in a group: create and list (<c>/api/chat/groups/{id}/channels</c>), update
/// (<c>/api/chat/channels/{id}</c>). Community admins and the group's owner or admins manage
/// them; any community member lists them. A private channel is listed only to its members and managed only by
/// its members (to anyone else it does not exist); the API does not create private channels — the server does
/// (Modmail's ticket channels), so <see cref="ChannelRequest"/> has no <c>is_private</c>.
/// </summary>
internal static class ChannelsApi
{
    public static void MapChannels(this IEndpointRouteBuilder endpoints)
    {
        var inGroup = endpoints.MapGroup("/api/chat/groups/{groupId:guid}/channels").WithTags("Chat: channels").RequirePermission(Permissions.Account);

        inGroup.MapPost("", async Task<Results<Created<ChannelView>, ProblemHttpResult>> (
            Guid groupId, ChannelRequest body, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (group, problem) = await ResolveGroupAsync(db, groupId, userId, manage: true, cancellationToken);
            if (group is null)
            {
                return problem!;
            }
            var errors = Validate(body, creating: true);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var channel = new Channel { Name = body.Name!.Trim(), GroupId = groupId, CreatedBy = userId, CreatedAt = now };
            Apply(channel, body, now);
            db.Channels.Add(channel);
            // The creator is in the channel they made, as its owner.
            db.ChannelMembers.Add(new ChannelMember { ChannelId = channel.Id, UserId = userId, Role = GroupRoles.Owner, JoinedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/chat/channels/{channel.Id}", ChannelView.From(channel));
        });

        inGroup.MapGet("", async Task<Results<Ok<List<ChannelView>>, ProblemHttpResult>> (
            Guid groupId, HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (group, problem) = await ResolveGroupAsync(db, groupId, userId, manage: false, cancellationToken);
            if (group is null)
            {
                return problem!;
            }
            var channels = await db.Channels.AsNoTracking().Where(c => c.GroupId == groupId).VisibleTo(db, userId)
                .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
            return TypedResults.Ok(channels.Select(ChannelView.From).ToList());
        });

        endpoints.MapPatch("/api/chat/channels/{channelId:guid}", async Task<Results<Ok<ChannelView>, ProblemHttpResult>> (
            Guid channelId, ChannelRequest body, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var channel = await db.Channels.Where(c => c.Id == channelId && c.GroupId != null).VisibleTo(db, userId).FirstOrDefaultAsync(cancellationToken);
            if (channel is null)
            {
                return ApiProblem.NotFound("channel_not_found", "No such channel in a group.");
            }
            var (group, problem) = await ResolveGroupAsync(db, channel.GroupId!.Value, userId, manage: true, cancellationToken);
            if (group is null)
            {
                return problem!;
            }
            var errors = Validate(body, creating: false);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            channel.Name = body.Name?.Trim() ?? channel.Name;
            Apply(channel, body, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(ChannelView.From(channel));
        }).RequirePermission(Permissions.Account).WithTags("Chat: channels");
    }

    /// <summary>The group, once the caller is known to be a member of its community (and, to manage, staff of it or the group).</summary>
    private static async Task<(Group? Group, ProblemHttpResult? Problem)> ResolveGroupAsync(
        ChatDbContext db, Guid groupId, Guid userId, bool manage, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return (null, ApiProblem.NotFound("group_not_found", "No such group."));
        }
        var (access, problem) = await CommunityAccess.ResolveAsync(db, group.CommunityId, userId, CommunityRoles.Member, cancellationToken);
        if (access is null)
        {
            return (null, problem);
        }
        if (!manage || CommunityRoles.AtLeast(access.Role, CommunityRoles.Admin))
        {
            return (group, null);
        }
        var groupRole = await db.GroupMembers.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.UserId == userId).Select(m => m.Role).FirstOrDefaultAsync(cancellationToken);
        return groupRole is GroupRoles.Owner or GroupRoles.Admin
            ? (group, null)
            : (null, ApiProblem.Forbidden("forbidden_role", "Managing channels needs a community admin or the group's owner or admin."));
    }

    private static Dictionary<string, string[]> Validate(ChannelRequest body, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if ((creating || body.Name is not null) && (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > 64))
        {
            errors["name"] = ["must be 1 to 64 characters"];
        }
        if (body.ChannelType is not null && (!creating || body.ChannelType is not (ChannelTypes.Text or ChannelTypes.Voice)))
        {
            errors["channel_type"] = [creating ? "must be text or voice" : "cannot change once the channel exists"];
        }
        if (body.SlowModeSeconds is < 0 or > Channel.MaxSlowModeSeconds)
        {
            errors["slow_mode_seconds"] = [$"must be 0 (off) to {Channel.MaxSlowModeSeconds}"];
        }
        if (body.MessageTtlSeconds is < 0)
        {
            errors["message_ttl_seconds"] = ["must be positive, or 0 to keep messages"];
        }
        return errors;
    }

    private static void Apply(Channel channel, ChannelRequest body, DateTime now)
    {
        channel.ChannelType = body.ChannelType ?? channel.ChannelType;
        channel.Topic = body.Topic ?? channel.Topic;
        channel.ReadOnly = body.ReadOnly ?? channel.ReadOnly;
        channel.Archived = body.Archived ?? channel.Archived;
        channel.SlowModeSeconds = body.SlowModeSeconds ?? channel.SlowModeSeconds;
        // 0 is how a client turns the TTL off again; null leaves it as it is.
        channel.MessageTtlSeconds = body.MessageTtlSeconds is { } ttl ? (ttl == 0 ? null : ttl) : channel.MessageTtlSeconds;
        channel.VoiceBackground = body.VoiceBackground ?? channel.VoiceBackground;
        channel.UpdatedAt = now;
    }
}

/// <summary>Create or update a channel; on update, fields left out (null) stay as they are.</summary>
internal sealed record ChannelRequest(
    string? Name, string? ChannelType, string? Topic, bool? ReadOnly, bool? Archived,
    int? SlowModeSeconds, int? MessageTtlSeconds, string? VoiceBackground);

internal sealed record ChannelView(
    Guid Id, string Name, string ChannelType, Guid? GroupId, string? Topic, bool ReadOnly, int SlowModeSeconds, bool Archived,
    int? MessageTtlSeconds, string? VoiceBackground, Guid CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, bool IsPrivate)
{
    public static ChannelView From(Channel c) => new(
        c.Id, c.Name, c.ChannelType, c.GroupId, c.Topic, c.ReadOnly, c.SlowModeSeconds, c.Archived,
        c.MessageTtlSeconds, c.VoiceBackground, c.CreatedBy, c.CreatedAt, c.UpdatedAt, c.IsPrivate);
}
