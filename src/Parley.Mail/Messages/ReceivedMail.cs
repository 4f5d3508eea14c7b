using Microsoft.EntityFrameworkCore;
using Parley.Mail.Storage;

namespace Parley.Mail.Messages;

/// <summary>A place among an inbox's received mail: when Parley stored a message, and its Message-ID (ties broken by it).</summary>
public sealed record ReceivedMailPosition(DateTime ReceivedAt, string MessageId);

/// <summary>
/// The mail an inbox received, oldest first, for a module that must not miss any (Modmail's recovery reads past the
/// last message it handled). Only received mail (not what Parley sent), in the order Mail stored it.
/// </summary>
public sealed class ReceivedMail(MailDbContext db)
{
    /// <summary>At most <paramref name="limit"/> messages <paramref name="inboxId"/> received after <paramref name="after"/> (null: from the start), ordered by (created_at, message id).</summary>
    public async Task<IReadOnlyList<ReceivedMailPosition>> AfterAsync(Guid inboxId, ReceivedMailPosition? after, int limit, CancellationToken cancellationToken)
    {
        var linked = db.MessageInboxes.Where(l => l.InboxId == inboxId).Select(l => l.MessageId);
        var query = db.Messages.AsNoTracking().Where(m => m.Direction == MailDirections.Inbound && linked.Contains(m.MessageId));
        if (after is { } from)
        {
            query = query.Where(m => m.CreatedAt > from.ReceivedAt || (m.CreatedAt == from.ReceivedAt && string.Compare(m.MessageId, from.MessageId) > 0));
        }
        return await query.OrderBy(m => m.CreatedAt).ThenBy(m => m.MessageId).Take(limit)
            .Select(m => new ReceivedMailPosition(m.CreatedAt, m.MessageId)).ToListAsync(cancellationToken);
    }

    /// <summary>Where one stored message stands; null when there is none.</summary>
    public Task<ReceivedMailPosition?> PositionAsync(string messageId, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().Where(m => m.MessageId == messageId)
            .Select(m => new ReceivedMailPosition(m.CreatedAt, m.MessageId)).FirstOrDefaultAsync(cancellationToken);
}
