using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;

namespace Parley.Chat.Messages;

/// <summary>
/// Turns stored messages into views for one viewer, with their reactions and thread reply counts.
/// Three queries for the whole page (reaction counts, the viewer's own reactions, reply counts),
/// whatever its size, so a page of 100 messages is not 300 round trips.
/// </summary>
internal sealed class MessageViewLoader(ChatDbContext db, TimeProvider clock)
{
    public async Task<MessageView> ViewAsync(Message message, Guid viewerId, bool viewerIsStaff, CancellationToken cancellationToken) =>
        (await ViewsAsync([message], viewerId, viewerIsStaff, cancellationToken))[0];

    public async Task<List<MessageView>> ViewsAsync(IReadOnlyList<Message> messages, Guid viewerId, bool viewerIsStaff, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return [];
        }
        var ids = messages.Select(m => m.Id).Distinct().ToList();
        var counts = await db.Reactions.AsNoTracking()
            .Where(r => ids.Contains(r.MessageId))
            .GroupBy(r => new { r.MessageId, r.Emoji })
            .Select(g => new { g.Key.MessageId, g.Key.Emoji, Count = g.Count(), First = g.Min(r => r.CreatedAt) })
            .ToListAsync(cancellationToken);
        var mine = (await db.Reactions.AsNoTracking()
            .Where(r => ids.Contains(r.MessageId) && r.UserId == viewerId)
            .Select(r => new { r.MessageId, r.Emoji })
            .ToListAsync(cancellationToken)).Select(r => (r.MessageId, r.Emoji)).ToHashSet();

        var topLevel = messages.Where(m => m.ThreadId == null).Select(m => m.Id).Distinct().ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var replies = topLevel.Count == 0
            ? []
            : await db.Messages.AsNoTracking()
                .Where(m => m.ThreadId != null && topLevel.Contains(m.ThreadId.Value) && m.DeletedAt == null && (m.ExpiresAt == null || m.ExpiresAt > now))
                .GroupBy(m => m.ThreadId!.Value)
                .Select(g => new { ThreadId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.ThreadId, g => g.Count, cancellationToken);

        // Emoji in the order they were first used on the message, as chat clients show them.
        var byMessage = counts.GroupBy(c => c.MessageId).ToDictionary(
            g => g.Key,
            g => g.OrderBy(c => c.First).ThenBy(c => c.Emoji, StringComparer.Ordinal)
                .Select(c => new ReactionCount(c.Emoji, c.Count, mine.Contains((g.Key, c.Emoji)))).ToList());
        return messages.Select(m => MessageView.From(m, viewerIsStaff) with
        {
            Reactions = byMessage.GetValueOrDefault(m.Id) ?? [],
            ReplyCount = m.ThreadId == null ? replies.GetValueOrDefault(m.Id) : 0,
        }).ToList();
    }
}
