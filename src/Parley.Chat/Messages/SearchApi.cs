using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Messages;

/// <summary>
/// <c>GET /api/chat/search?q=&amp;community_id=&amp;channel_id=&amp;limit=&amp;before=</c>: messages whose plaintext
/// contains <c>q</c> (case-insensitive for ASCII), newest first, in the channels the caller reads. The
/// server cannot read encrypted messages, so they are never found; deleted, quarantined and expired ones neither.
/// </summary>
internal static class SearchApi
{
    public const int MaxQueryLength = 200;
    public const int DefaultLimit = 25;

    public static void MapSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/chat/search", async Task<Results<Ok<MessagePage>, ProblemHttpResult>> (
            string? q, [FromQuery(Name = "community_id")] Guid? communityId, [FromQuery(Name = "channel_id")] Guid? channelId, int? limit, Guid? before,
            HttpContext context, ChatDbContext db, MessageViewLoader views, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var text = q?.Trim();
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrEmpty(text) || text.Length > MaxQueryLength)
            {
                errors["q"] = [$"1 to {MaxQueryLength} characters"];
            }
            if (limit is < 1 or > MessagesApi.MaxPageSize)
            {
                errors["limit"] = [$"must be 1 to {MessagesApi.MaxPageSize}"];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var now = clock.GetUtcNow().UtcDateTime;

            IQueryable<Guid> channels;
            if (channelId is { } only)
            {
                var (access, refusal) = await ChannelAccess.ResolveAsync(db, only, userId, ChannelNeed.Read, now, cancellationToken);
                if (access is null)
                {
                    return refusal!.ToProblem();
                }
                channels = db.Channels.Where(c => c.Id == only).Select(c => c.Id);
            }
            else
            {
                channels = db.ChannelMembers.Where(m => m.UserId == userId).Select(m => m.ChannelId);
                if (communityId is { } community)
                {
                    var role = await db.CommunityMembers.AsNoTracking()
                        .Where(m => m.CommunityId == community && m.UserId == userId).Select(m => m.Role).FirstOrDefaultAsync(cancellationToken);
                    if (role is null)
                    {
                        return ApiProblem.Forbidden("not_a_member", "You are not a member of this community.");
                    }
                    var inCommunity = db.Channels.Where(c => db.Groups.Any(g => g.Id == c.GroupId && g.CommunityId == community))
                        .VisibleTo(db, userId).Select(c => c.Id);
                    // Community staff read every channel of their community without joining, so they search them all
                    // (private channels only when they are in them).
                    channels = CommunityRoles.AtLeast(role, CommunityRoles.Moderator)
                        ? inCommunity.Where(id => !db.ChannelBans.Any(b => b.ChannelId == id && b.UserId == userId))
                        : channels.Where(id => inCommunity.Contains(id));
                }
            }

            var needle = text!.ToLowerInvariant();
            var found = db.Messages.AsNoTracking().Where(m =>
                channels.Contains(m.ChannelId) && m.Plaintext != null && m.DeletedAt == null && m.QuarantinedAt == null
                && (m.ExpiresAt == null || m.ExpiresAt > now) && m.Plaintext.ToLower().Contains(needle));
            if (before is { } cursorId)
            {
                var cursor = await db.Messages.AsNoTracking().Where(m => m.Id == cursorId).Select(m => new { m.CreatedAt, m.Id }).FirstOrDefaultAsync(cancellationToken);
                if (cursor is null)
                {
                    return ApiProblem.Validation(new Dictionary<string, string[]> { ["before"] = ["no such message"] });
                }
                found = found.Where(m => m.CreatedAt < cursor.CreatedAt || (m.CreatedAt == cursor.CreatedAt && m.Id.CompareTo(cursor.Id) < 0));
            }
            var take = limit ?? DefaultLimit;
            var page = await found.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(take + 1).ToListAsync(cancellationToken);
            var messages = await views.ViewsAsync(page.Take(take).ToList(), userId, viewerIsStaff: false, cancellationToken);
            return TypedResults.Ok(new MessagePage(messages, page.Count > take));
        }).WithTags("Chat: search").RequirePermission(Permissions.Account);
    }
}
