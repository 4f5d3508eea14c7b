using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Events;
using Parley.Core.Jobs;
using Parley.Triage.Configuration;
using Parley.Triage.Storage;

namespace Parley.Triage.DeadLetters;

/// <summary>
/// The dead letter's state machine (seed 004): a failure is recorded <c>pending</c> with <c>next_retry_at</c> from
/// <see cref="RetryDelays"/>; a retry claims it (<c>retrying</c>), then ends in <c>success</c> (resolved), back in
/// <c>pending</c> with one more attempt, or <c>exhausted</c> (resolved) at <c>retry.max_attempts</c>. An operator may
/// retry now or skip (<c>skipped</c>, resolved). Entries are never deleted.
/// </summary>
internal sealed class DeadLetterQueue(
    TriageDbContext db,
    TimeProvider clock,
    IOptionsMonitor<TriageOptions> options,
    RetryDelays delays,
    JobQueue jobs,
    EventBus events,
    IServiceProvider services)
{
    /// <summary>Errors are kept to this many characters (an LLM's reply or a stack of IMAP errors can be long).</summary>
    public const int MaxErrorLength = 4000;

    public async Task<DeadLetter> RecordAsync(string messageId, string accountName, string folder, long uid, string error, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var entry = new DeadLetter
        {
            MessageId = messageId,
            AccountName = accountName,
            Folder = folder,
            Uid = uid,
            Error = Truncate(error),
            Attempts = 1,
            CreatedAt = now,
            RetryStatus = DeadLetterStatus.Pending,
        };
        Schedule(entry, now);
        db.DeadLetters.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(entry, now, cancellationToken);
        return entry;
    }

    /// <summary>Ids of pending entries whose retry is due, oldest due first.</summary>
    public Task<List<long>> DueAsync(int limit, CancellationToken cancellationToken = default)
    {
        var now = Now();
        return db.DeadLetters.AsNoTracking()
            .Where(d => d.RetryStatus == DeadLetterStatus.Pending && d.NextRetryAt <= now)
            .OrderBy(d => d.NextRetryAt).ThenBy(d => d.Id)
            .Select(d => d.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One retry of a pending entry through the <see cref="IDeadLetterReprocessor"/>; false when there was nothing to do
    /// (not pending — another node claimed it, an operator skipped it — or no pipeline is registered yet).
    /// </summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        var waiting = await db.DeadLetters.AsNoTracking().Where(d => d.Id == id)
            .Select(d => new DeadLetterItem(d.Id, d.MessageId, d.AccountName, d.Folder, d.Uid, d.Attempts)).SingleOrDefaultAsync(cancellationToken);
        var reprocessor = waiting is null ? null : services.GetServices<IDeadLetterReprocessor>().LastOrDefault(r => r.Handles(waiting));
        if (reprocessor is null)
        {
            return false;
        }
        var now = Now();
        // Claimed with a conditional update, so two nodes (or the sweep and a "retry now") never retry it twice.
        var claimed = await db.DeadLetters
            .Where(d => d.Id == id && d.RetryStatus == DeadLetterStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RetryStatus, DeadLetterStatus.Retrying).SetProperty(d => d.LastRetryAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }
        var entry = await db.DeadLetters.SingleAsync(d => d.Id == id, cancellationToken);
        string? failure = null;
        try
        {
            await reprocessor.ReprocessAsync(new DeadLetterItem(entry.Id, entry.MessageId, entry.AccountName, entry.Folder, entry.Uid, entry.Attempts), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = ex.Message;
        }
        catch (OperationCanceledException)
        {
            // Shutting down: hand it back untouched for the next start.
            await db.DeadLetters.Where(d => d.Id == id && d.RetryStatus == DeadLetterStatus.Retrying)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RetryStatus, DeadLetterStatus.Pending), CancellationToken.None);
            throw;
        }

        now = Now();
        entry.Attempts++;
        if (failure is null)
        {
            Resolve(entry, DeadLetterStatus.Success, now);
        }
        else
        {
            entry.Error = Truncate(failure);
            if (entry.Attempts >= options.CurrentValue.Retry.MaxAttempts)
            {
                Resolve(entry, DeadLetterStatus.Exhausted, now);
            }
            else
            {
                entry.RetryStatus = DeadLetterStatus.Pending;
                Schedule(entry, now);
            }
        }
        await db.SaveChangesAsync(CancellationToken.None);
        if (entry.RetryStatus == DeadLetterStatus.Exhausted)
        {
            await PublishAsync(entry, now, CancellationToken.None);
        }
        return true;
    }

    /// <summary>
    /// An operator's "retry now": a pending entry is due at once, an exhausted one is reopened (pending, unresolved) with
    /// its attempts kept; either is retried by a job right away. Success, skipped and retrying entries are left alone.
    /// </summary>
    public async Task<DeadLetterCommandResult> RetryNowAsync(long id, CancellationToken cancellationToken = default)
    {
        var entry = await db.DeadLetters.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (entry is null)
        {
            return DeadLetterCommandResult.NotFound;
        }
        if (entry.RetryStatus is not (DeadLetterStatus.Pending or DeadLetterStatus.Exhausted))
        {
            return DeadLetterCommandResult.WrongState;
        }
        entry.RetryStatus = DeadLetterStatus.Pending;
        entry.ResolvedAt = null;
        entry.NextRetryAt = Now();
        jobs.Enqueue(db, DeadLetterRetryNowJob.JobKind, new DeadLetterRetryNowJob.Payload(id), maxAttempts: 1);
        await db.SaveChangesAsync(cancellationToken);
        return DeadLetterCommandResult.Done;
    }

    /// <summary>An operator gives up on a pending entry: <c>skipped</c>, resolved, kept.</summary>
    public async Task<DeadLetterCommandResult> SkipAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var skipped = await db.DeadLetters
            .Where(d => d.Id == id && d.RetryStatus == DeadLetterStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.RetryStatus, DeadLetterStatus.Skipped)
                .SetProperty(d => d.ResolvedAt, now)
                .SetProperty(d => d.NextRetryAt, (long?)null), cancellationToken);
        if (skipped > 0)
        {
            return DeadLetterCommandResult.Done;
        }
        return await db.DeadLetters.AnyAsync(d => d.Id == id, cancellationToken) ? DeadLetterCommandResult.WrongState : DeadLetterCommandResult.NotFound;
    }

    /// <summary>
    /// An operator acknowledges an exhausted entry (Mailpilot's "remove"): <c>skipped</c>, kept, out of the open list.
    /// </summary>
    public async Task<DeadLetterCommandResult> DismissAsync(long id, CancellationToken cancellationToken = default)
    {
        var dismissed = await db.DeadLetters
            .Where(d => d.Id == id && d.RetryStatus == DeadLetterStatus.Exhausted)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RetryStatus, DeadLetterStatus.Skipped), cancellationToken);
        if (dismissed > 0)
        {
            return DeadLetterCommandResult.Done;
        }
        return await db.DeadLetters.AnyAsync(d => d.Id == id, cancellationToken) ? DeadLetterCommandResult.WrongState : DeadLetterCommandResult.NotFound;
    }

    private Task PublishAsync(DeadLetter entry, long now, CancellationToken cancellationToken) =>
        events.PublishAsync(new DeadLetterRecorded(entry.Id, entry.MessageId, entry.AccountName, entry.Folder, entry.Uid,
            entry.RetryStatus, entry.Attempts, entry.Error, DateTimeOffset.FromUnixTimeSeconds(now)), cancellationToken);

    private void Schedule(DeadLetter entry, long now) =>
        entry.NextRetryAt = now + (long)Math.Ceiling(delays.Next(entry.Attempts).TotalSeconds);

    private static void Resolve(DeadLetter entry, string status, long now)
    {
        entry.RetryStatus = status;
        entry.ResolvedAt = now;
        entry.NextRetryAt = null;
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();

    private static string Truncate(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}

internal enum DeadLetterCommandResult
{
    Done,
    NotFound,
    /// <summary>The entry is not in a state the command applies to (already resolved, or being retried).</summary>
    WrongState,
}
