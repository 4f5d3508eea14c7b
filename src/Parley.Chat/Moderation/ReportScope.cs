using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.Storage;

namespace Parley.Chat.Moderation;

/// <summary>
/// Which community a report belongs to, derived from its target rather than stored: a message or file
/// in one of the community's channels, or a user who is a member of it. So a report follows its target
/// (a message moved with its channel, a user who joins later) and needs no column of its own.
/// Reports about DM content belong to no community. Reports about a private channel's content are seen only by
/// the moderators who are in that channel (<c>viewerId</c>), as the channel itself is.
/// </summary>
internal static class ReportScope
{
    public static IQueryable<Report> In(ChatDbContext db, IQueryable<Report> reports, IQueryable<Guid> communityIds, Guid viewerId)
    {
        var channelIds = db.Channels
            .Where(c => c.GroupId != null && db.Groups.Any(g => g.Id == c.GroupId && communityIds.Contains(g.CommunityId)))
            .VisibleTo(db, viewerId)
            .Select(c => c.Id);
        return reports.Where(r =>
            (r.ReportType == ReportTypes.Message && db.Messages.Any(m => m.Id == r.TargetId && channelIds.Contains(m.ChannelId)))
            || (r.ReportType == ReportTypes.File && db.Files.Any(f => f.Id == r.TargetId && f.ChannelId != null && channelIds.Contains(f.ChannelId.Value)))
            || (r.ReportType == ReportTypes.User && db.CommunityMembers.Any(m => m.UserId == r.TargetId && communityIds.Contains(m.CommunityId))));
    }

    /// <summary>The communities <paramref name="userId"/> moderates (moderator or above).</summary>
    public static IQueryable<Guid> ModeratedBy(ChatDbContext db, Guid userId) =>
        db.CommunityMembers
            .Where(m => m.UserId == userId && (m.Role == CommunityRoles.Moderator || m.Role == CommunityRoles.Admin || m.Role == CommunityRoles.Owner))
            .Select(m => m.CommunityId);
}

/// <summary>The values of <c>reports.report_type</c>.</summary>
public static class ReportTypes
{
    public const string Message = "message";
    public const string User = "user";
    public const string File = "file";

    public static readonly IReadOnlyList<string> All = [Message, User, File];
}

/// <summary>A report goes pending → reviewed → resolved or dismissed, and never back.</summary>
public static class ReportWorkflow
{
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (ReportStatuses.Pending, ReportStatuses.Reviewed) => true,
        (ReportStatuses.Reviewed, ReportStatuses.Resolved or ReportStatuses.Dismissed) => true,
        _ => false,
    };
}
