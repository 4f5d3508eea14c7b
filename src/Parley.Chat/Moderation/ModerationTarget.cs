using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.Storage;
using Parley.Core.Http;

namespace Parley.Chat.Moderation;

/// <summary>
/// Who may moderate whom in a channel: the caller needs <see cref="ChannelNeed.Moderate"/> (community
/// moderator or above; nobody moderates a DM), and the target must be another member of the channel's
/// community ranked below the caller. Nobody moderates themselves or an equal.
/// </summary>
internal static class ModerationTarget
{
    public static async Task<(ChannelAccess? Access, ProblemHttpResult? Problem)> ResolveAsync(
        ChatDbContext db, Guid channelId, Guid moderatorId, Guid? targetId, DateTime now, CancellationToken cancellationToken)
    {
        var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, moderatorId, ChannelNeed.Moderate, now, cancellationToken);
        if (access is null)
        {
            return (null, refusal!.ToProblem());
        }
        if (targetId is not { } target || target == moderatorId)
        {
            return (null, ApiProblem.Validation(new Dictionary<string, string[]> { ["user_id"] = ["must name another user"] }));
        }
        var targetRole = await db.CommunityMembers.AsNoTracking()
            .Where(m => m.CommunityId == access.CommunityId && m.UserId == target).Select(m => m.Role).FirstOrDefaultAsync(cancellationToken);
        if (targetRole is null)
        {
            return (null, ApiProblem.NotFound("member_not_found", "That user is not a member of this channel's community."));
        }
        return CommunityRoles.Rank(targetRole) >= CommunityRoles.Rank(access.CommunityRole)
            ? (null, ApiProblem.Forbidden("forbidden_role", "You can only act on members ranked below you."))
            : (access, null);
    }

    /// <summary>Moderator access to the channel alone, for lists and for lifting a measure.</summary>
    public static async Task<(ChannelAccess? Access, ProblemHttpResult? Problem)> ModeratorAsync(
        ChatDbContext db, Guid channelId, Guid moderatorId, DateTime now, CancellationToken cancellationToken)
    {
        var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, moderatorId, ChannelNeed.Moderate, now, cancellationToken);
        return access is null ? (null, refusal!.ToProblem()) : (access, null);
    }
}
