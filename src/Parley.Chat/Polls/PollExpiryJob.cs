using Microsoft.EntityFrameworkCore;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Jobs;

namespace Parley.Chat.Polls;

/// <summary>
/// <c>chat.polls.expire</c>: enqueued for a poll's <c>expires_at</c> when it is created; closes the poll
/// and pushes <c>poll.closed</c>. A poll closed by hand before then is left alone.
/// </summary>
internal sealed class PollExpiryJob(ChatDbContext db, ChatEvents events, TimeProvider clock) : IJobHandler
{
    public const string JobKind = "chat.polls.expire";

    public sealed record Payload(Guid PollId);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var pollId = job.Payload<Payload>().PollId;
        var poll = await db.Polls.FirstOrDefaultAsync(p => p.Id == pollId, cancellationToken);
        if (poll is null || poll.Closed)
        {
            return;
        }
        poll.Closed = true;
        await db.SaveChangesAsync(cancellationToken);
        var votes = await db.PollVotes.AsNoTracking().Where(v => v.PollId == pollId).ToListAsync(cancellationToken);
        await events.ToChannelAsync(poll.ChannelId, ChatEventNames.PollClosed, PollView.From(poll, votes, null, clock.GetUtcNow().UtcDateTime), cancellationToken);
    }
}
