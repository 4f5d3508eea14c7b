using Microsoft.EntityFrameworkCore;
using Parley.Mail.Storage;
using Parley.Mail.Webhooks;

namespace Parley.Mail.Threads;

/// <summary>What setting a thread's state did; <see cref="Previous"/> is null when the thread was not found or the state unknown.</summary>
public sealed record ThreadStateChange(bool Found, bool ValidState, string? Previous, string? Current)
{
    public bool Changed => Found && ValidState && Previous != Current;
}

/// <summary>
/// Sets a thread's state (<see cref="ThreadStates"/>), for the API and for other modules (Triage's archive, spam and
/// delete on Parley's own inboxes). A change sends <c>thread.state_changed</c> through Mail's webhooks in the same
/// commit; setting the state a thread already has sends nothing. Deleted and merged-away threads are not found.
/// </summary>
public sealed class ThreadStateChanges
{
    private readonly MailDbContext db;
    private readonly MailWebhooks webhooks;

    // MailWebhooks is internal; DI builds this through MailModule's factory.
    internal ThreadStateChanges(MailDbContext db, MailWebhooks webhooks)
    {
        this.db = db;
        this.webhooks = webhooks;
    }

    public async Task<ThreadStateChange> SetAsync(Guid threadId, string state, CancellationToken cancellationToken)
    {
        var thread = await db.Threads.SingleOrDefaultAsync(t => t.Id == threadId && t.DeletedAt == null && t.MergedInto == null, cancellationToken);
        if (thread is null)
        {
            return new ThreadStateChange(false, ThreadStates.IsKnown(state), null, null);
        }
        if (!ThreadStates.IsKnown(state))
        {
            return new ThreadStateChange(true, false, thread.State, thread.State);
        }
        var previous = thread.State;
        if (previous == state)
        {
            return new ThreadStateChange(true, true, previous, state);
        }
        thread.State = state;
        // Scoped endpoints hear of it when the thread has a message in their inbox (the first such inbox, as thread.merged).
        var inboxId = await db.MessageInboxes.Where(l => db.Messages.Any(m => m.MessageId == l.MessageId && m.ThreadId == threadId))
            .Select(l => (Guid?)l.InboxId).FirstOrDefaultAsync(cancellationToken);
        await webhooks.EnqueueAsync(db, MailEventTypes.ThreadStateChanged, inboxId, new ThreadStateChangedEvent(threadId, inboxId, previous, state), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new ThreadStateChange(true, true, previous, state);
    }
}

/// <summary>The data of a <c>thread.state_changed</c> webhook event.</summary>
internal sealed record ThreadStateChangedEvent(Guid ThreadId, Guid? InboxId, string PreviousState, string State);
