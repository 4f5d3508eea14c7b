using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;

namespace Parley.Chat.Messages;

/// <summary>Moves a user's read cursor in a channel, creating it the first time.</summary>
internal static class ReadCursors
{
    public static async Task MoveAsync(ChatDbContext db, Guid userId, Guid channelId, Guid messageId, DateTime messageCreatedAt, CancellationToken cancellationToken)
    {
        var updated = await db.ReadCursors.Where(c => c.UserId == userId && c.ChannelId == channelId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastReadMessageId, messageId).SetProperty(c => c.LastReadAt, messageCreatedAt), cancellationToken);
        if (updated > 0)
        {
            return;
        }
        db.ReadCursors.Add(new ReadCursor { UserId = userId, ChannelId = channelId, LastReadMessageId = messageId, LastReadAt = messageCreatedAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another tab created the cursor in the same instant: move that one.
            db.ChangeTracker.Clear();
            await db.ReadCursors.Where(c => c.UserId == userId && c.ChannelId == channelId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastReadMessageId, messageId).SetProperty(c => c.LastReadAt, messageCreatedAt), cancellationToken);
        }
    }
}
