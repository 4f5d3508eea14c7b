using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;

namespace Parley.Chat.Messages;

/// <summary>
/// Pages through a channel (or one thread) in time order, from a cursor message in either direction.
/// Order is (created_at, id): ids are UUIDv7, and SQLite's text order, PostgreSQL's uuid order and
/// <see cref="Guid.CompareTo(Guid)"/> agree on them, so messages sent in the same instant keep one
/// stable order on both providers. Expired messages (past their TTL, not yet swept) are left out.
/// </summary>
internal sealed class MessageHistory(ChatDbContext db)
{
    public sealed record Page(List<Message> Messages, bool HasMore);

    /// <summary>
    /// With no cursor, the newest <paramref name="limit"/>; with <paramref name="before"/>, the ones just
    /// older; with <paramref name="after"/>, the ones just newer. Null when the cursor is not in this scope.
    /// Thread pages (<paramref name="threadId"/>) hold the thread's first message and its replies;
    /// channel pages hold top-level messages only.
    /// </summary>
    public async Task<Page?> PageAsync(Guid channelId, Guid? threadId, Guid? before, Guid? after, int limit, DateTime now, CancellationToken cancellationToken)
    {
        var scope = db.Messages.AsNoTracking()
            .Where(m => m.ChannelId == channelId && (m.ExpiresAt == null || m.ExpiresAt > now));
        scope = threadId is { } thread
            ? scope.Where(m => m.ThreadId == thread || m.Id == thread)
            : scope.Where(m => m.ThreadId == null);

        if (before is null && after is null)
        {
            var newest = await scope.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
            return Finish(newest, limit, reverse: true);
        }

        var cursorId = (before ?? after)!.Value;
        var cursorTime = await scope.Where(m => m.Id == cursorId).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (cursorTime is not { } at)
        {
            return null;
        }
        // Messages stamped with the cursor's own instant are few; order them here, the rest in the database.
        var sameInstant = await scope.Where(m => m.CreatedAt == at && m.Id != cursorId).ToListAsync(cancellationToken);
        if (before is not null)
        {
            var older = await scope.Where(m => m.CreatedAt < at)
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
            var ties = sameInstant.Where(m => m.Id.CompareTo(cursorId) < 0).OrderByDescending(m => m.Id);
            return Finish(ties.Concat(older).Take(limit + 1).ToList(), limit, reverse: true);
        }
        var newer = await scope.Where(m => m.CreatedAt > at)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var laterTies = sameInstant.Where(m => m.Id.CompareTo(cursorId) > 0).OrderBy(m => m.Id);
        return Finish(laterTies.Concat(newer).Take(limit + 1).ToList(), limit, reverse: false);
    }

    private static Page Finish(List<Message> fetched, int limit, bool reverse)
    {
        var hasMore = fetched.Count > limit;
        var page = fetched.Take(limit).ToList();
        if (reverse)
        {
            page.Reverse();
        }
        return new Page(page, hasMore);
    }
}
