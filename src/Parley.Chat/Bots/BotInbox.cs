using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Storage;

namespace Parley.Chat.Bots;

/// <summary>A place in a bot's inbox: a message's time and id, the order Chat stores them in (ties broken by id).</summary>
public sealed record BotInboxPosition(DateTime CreatedAt, Guid MessageId);

/// <summary>
/// What people wrote to a bot in their DMs with it, oldest first, for a module that must not miss any (Modmail's
/// recovery reads past the last message it handled). Deleted messages are left out; the bot's own posts too.
/// </summary>
public sealed class BotInbox
{
    private readonly ChatDbContext _db;
    private readonly BotMessages _messages;

    internal BotInbox(ChatDbContext db, BotMessages messages)
    {
        _db = db;
        _messages = messages;
    }

    /// <summary>At most <paramref name="limit"/> messages to <paramref name="botId"/> after <paramref name="after"/> (null: from the start), ordered by (created_at, id).</summary>
    public async Task<IReadOnlyList<ChatMessageInfo>> ReceivedAfterAsync(Guid botId, BotInboxPosition? after, int limit, CancellationToken cancellationToken)
    {
        var dms = _db.ChannelMembers.Where(m => m.UserId == botId)
            .Join(_db.Channels.Where(c => c.ChannelType == ChannelTypes.Dm), m => m.ChannelId, c => c.Id, (m, c) => c.Id);
        var query = _db.Messages.AsNoTracking().Where(m => dms.Contains(m.ChannelId) && m.SenderId != botId && m.DeletedAt == null);
        if (after is { } from)
        {
            query = query.Where(m => m.CreatedAt > from.CreatedAt || (m.CreatedAt == from.CreatedAt && m.Id.CompareTo(from.MessageId) > 0));
        }
        var ids = await query.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Id).Take(limit).ToListAsync(cancellationToken);
        var found = new List<ChatMessageInfo>(ids.Count);
        foreach (var id in ids)
        {
            if (await _messages.ReadAsync(id, cancellationToken) is { } message)
            {
                found.Add(message);
            }
        }
        return found;
    }
}
