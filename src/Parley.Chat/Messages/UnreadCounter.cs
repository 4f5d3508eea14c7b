using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;

namespace Parley.Chat.Messages;

/// <summary>
/// Unread and mention counts for every channel a user is in, in one query. Unread: live messages of
/// others newer than the read cursor (or, with no cursor yet, than the user's joining). Mentions: those of
/// them whose plaintext contains <c>@username</c>, <c>@everyone</c> or <c>@here</c>, case-insensitively —
/// a substring test, so <c>@bobby</c> also counts for <c>bob</c>; encrypted messages never count as mentions.
/// </summary>
internal sealed class UnreadCounter(ChatDbContext db)
{
    public async Task<List<UnreadView>> CountAsync(Guid userId, string username, DateTime now, CancellationToken cancellationToken)
    {
        var atName = "@" + username.ToLowerInvariant();
        var channels = await (
            from member in db.ChannelMembers.AsNoTracking()
            where member.UserId == userId
            join cursor in db.ReadCursors.AsNoTracking().Where(c => c.UserId == userId) on member.ChannelId equals cursor.ChannelId into cursors
            from cursor in cursors.DefaultIfEmpty()
            select new { member.ChannelId, Since = cursor != null ? cursor.LastReadAt : member.JoinedAt, LastRead = cursor != null ? cursor.LastReadMessageId : null })
            .ToListAsync(cancellationToken);

        var counts = await (
            from m in db.Messages.AsNoTracking()
            join member in db.ChannelMembers.AsNoTracking().Where(x => x.UserId == userId) on m.ChannelId equals member.ChannelId
            join cursor in db.ReadCursors.AsNoTracking().Where(c => c.UserId == userId) on m.ChannelId equals cursor.ChannelId into cursors
            from cursor in cursors.DefaultIfEmpty()
            where m.SenderId != userId && m.DeletedAt == null && (m.ExpiresAt == null || m.ExpiresAt > now)
                && m.CreatedAt > (cursor != null ? cursor.LastReadAt : member.JoinedAt)
            group m by m.ChannelId into g
            select new
            {
                ChannelId = g.Key,
                Unread = g.Count(),
                Mentions = g.Sum(m => m.Plaintext != null
                    && (m.Plaintext.ToLower().Contains(atName) || m.Plaintext.ToLower().Contains("@everyone") || m.Plaintext.ToLower().Contains("@here")) ? 1 : 0),
            }).ToDictionaryAsync(c => c.ChannelId, cancellationToken);

        return channels.Select(c => counts.TryGetValue(c.ChannelId, out var n)
            ? new UnreadView(c.ChannelId, n.Unread, n.Mentions, c.LastRead)
            : new UnreadView(c.ChannelId, 0, 0, c.LastRead)).ToList();
    }
}
