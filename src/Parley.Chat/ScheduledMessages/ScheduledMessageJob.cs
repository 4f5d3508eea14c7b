using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Parley.Chat.Messages;
using Parley.Chat.Storage;
using Parley.Core.Jobs;

namespace Parley.Chat.ScheduledMessages;

/// <summary>
/// <c>chat.scheduled.send</c>: posts a scheduled message at its time through <see cref="MessageSender"/>,
/// as its author, so every rule of a live send applies at that moment (an author who left the channel,
/// was banned or timed out gets nothing posted). A refusal is final: it is logged and the row removed,
/// never retried. The idempotency key makes a retry after a crash find the message already posted.
/// </summary>
internal sealed partial class ScheduledMessageJob(ChatDbContext db, MessageSender sender, ILogger<ScheduledMessageJob> logger) : IJobHandler
{
    public const string JobKind = "chat.scheduled.send";

    public sealed record Payload(Guid ScheduledMessageId);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var id = job.Payload<Payload>().ScheduledMessageId;
        var scheduled = await db.ScheduledMessages.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scheduled is null)
        {
            return; // cancelled by its author
        }
        var request = new SendMessageRequest(
            Plaintext: scheduled.Plaintext,
            Ciphertext: scheduled.Ciphertext is null ? null : Convert.FromBase64String(scheduled.Ciphertext),
            Nonce: scheduled.Nonce is null ? null : Convert.FromBase64String(scheduled.Nonce),
            IdempotencyKey: IdempotencyKey(id));
        var outcome = await sender.SendAsync(scheduled.UserId, scheduled.ChannelId, request, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            LogRefused(id, scheduled.ChannelId, refusal.Code);
        }
        db.ChangeTracker.Clear();
        await db.ScheduledMessages.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    public static string IdempotencyKey(Guid scheduledMessageId) => "scheduled:" + scheduledMessageId.ToString("N");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled message {ScheduledMessageId} for channel {ChannelId} was not posted: {Code}")]
    private partial void LogRefused(Guid scheduledMessageId, Guid channelId, string code);
}
