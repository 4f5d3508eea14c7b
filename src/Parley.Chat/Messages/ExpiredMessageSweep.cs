using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Jobs;

namespace Parley.Chat.Messages;

/// <summary>
/// Every minute: deletes messages past their <c>expires_at</c> (a channel's message TTL) for good, in
/// batches so one huge backlog never holds a long transaction, and tells each channel <c>message.deleted</c>.
/// Reads already hide expired messages, so a late sweep shows nothing it should not.
/// </summary>
internal sealed partial class ExpiredMessageSweep(ChatDbContext db, ChatEvents events, TimeProvider clock, ILogger<ExpiredMessageSweep> logger) : IJobHandler
{
    public const string JobKind = "chat.messages.expire";
    public const int BatchSize = 500;
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken) => await SweepAsync(cancellationToken);

    /// <summary>Deletes every message expired by now; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var total = 0;
        while (true)
        {
            var batch = await db.Messages.AsNoTracking().Where(m => m.ExpiresAt != null && m.ExpiresAt <= now)
                .OrderBy(m => m.ExpiresAt).Take(BatchSize).Select(m => new { m.Id, m.ChannelId }).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            var ids = batch.Select(m => m.Id).ToList();
            await db.Messages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            foreach (var message in batch)
            {
                await events.ToChannelAsync(message.ChannelId, ChatEventNames.MessageDeleted, new MessageDeleted(message.Id, message.ChannelId, now), cancellationToken);
            }
            total += batch.Count;
            if (batch.Count < BatchSize)
            {
                break;
            }
        }
        if (total > 0)
        {
            LogSwept(total);
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired chat messages")]
    private partial void LogSwept(int count);
}
