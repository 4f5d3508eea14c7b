using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Triage.Actions;
using Parley.Triage.Audit;
using Parley.Triage.Classification;
using Parley.Triage.Emails;
using Parley.Triage.Processing;
using Parley.Triage.Storage;

namespace Parley.Triage.Pipeline;

/// <summary>
/// A batch the watcher fetched together: the emails the rules (or the private policy) decide without an LLM, with the
/// same actions, are acted on together — one NOOP, one UID STORE / COPY / MOVE per action for the whole set — and
/// recorded together: every email its own audit row and processed_messages row, all in one commit. Everything else
/// (the LLM's to decide, a forward, processing headers, dry run, a second email with a Message-ID already in the
/// batch) goes one at a time, in UID order, exactly as <see cref="HandleAsync"/>.
/// Mailbox safety is the one-at-a-time path's: actions before the record. A crash between them leaves the set acted on
/// and unrecorded, and the watcher (its place saved only after this returns) hands the batch again: moved mail is no
/// longer in the folder, a flag or keyword set again is harmless, what was recorded is skipped. When acting on or
/// recording a set fails, its emails go one at a time (each its own dead letter on failure), which repeats harmlessly
/// whatever part of the set's actions was done.
/// </summary>
internal sealed partial class TriageEmailProcessor
{
    public async Task<int> HandleBatchAsync(IReadOnlyList<TriageEmail> emails, CancellationToken cancellationToken)
    {
        var runtime = RuntimeOf(emails[0]);
        var account = runtime.Account;
        var processing = runtime.Processing.Token;
        var recorded = await ProcessedAmongAsync(account.Name, emails.Select(e => e.MessageId).Distinct().ToList(), processing);
        var finished = new bool[emails.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var together = new List<(int Index, ClassificationDecision Decision)>();
        var alone = new List<(int Index, ClassificationDecision? Decision)>();
        for (var i = 0; i < emails.Count; i++)
        {
            var email = emails[i];
            if (recorded.Contains(email.MessageId))
            {
                finished[i] = true; // already processed: nothing to do, as one at a time
                continue;
            }
            if (!seen.Add(email.MessageId))
            {
                alone.Add((i, null)); // after its twin, which decides whether it is processed at all
                continue;
            }
            // An email with a virus, or an attachment clamd could not scan, goes alone: the antivirus decides first.
            var decision = email.Virus is null && email.ScanError is null ? classifier.DecideWithoutLlm(email, account.Classifier) : null;
            if (decision is not null && CanActTogether(account, decision))
            {
                together.Add((i, decision));
            }
            else
            {
                alone.Add((i, decision));
            }
        }

        // Emails with the same actions (as the audit writes them) are acted on with one command per action.
        foreach (var set in together.GroupBy(t => TriageAuditLog.ActionsJson(t.Decision.Actions)).Select(g => g.ToList()))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            if (!await ActAndRecordTogetherAsync(runtime, set.Select(t => (emails[t.Index], t.Decision)).ToList(), processing))
            {
                foreach (var (index, decision) in set)
                {
                    await HandleOneAsync(runtime, emails[index], decision);
                }
            }
            foreach (var (index, _) in set)
            {
                finished[index] = true;
            }
        }
        foreach (var (index, decision) in alone.OrderBy(a => a.Index))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            await HandleOneAsync(runtime, emails[index], decision);
            finished[index] = true;
        }
        // The watcher saves its place after the finished prefix; the rest is handed again and skips what was recorded.
        var prefix = 0;
        while (prefix < finished.Length && finished[prefix])
        {
            prefix++;
        }
        return prefix;
    }

    private static bool CanActTogether(TriageAccount account, ClassificationDecision decision) =>
        !account.Imap.DryRun
        && !decision.BelowMinimumConfidence
        && !ProcessingHeaders.Applies(account, decision.Actions)
        && ImapActions.CanExecuteOnAll(decision.Actions);

    /// <summary>Acts on and records a set with the same actions; false (nothing recorded) when that failed.</summary>
    private async Task<bool> ActAndRecordTogetherAsync(
        AccountRuntime runtime, IReadOnlyList<(TriageEmail Email, ClassificationDecision Decision)> set, CancellationToken cancellationToken)
    {
        var account = runtime.Account;
        var actions = set[0].Decision.Actions;
        await runtime.Concurrency.WaitAsync(cancellationToken);
        runtime.Entered();
        var started = time.GetTimestamp();
        try
        {
            var onServer = actions.Where(a => a.Kind != TriageActionKind.None).ToList();
            if (onServer.Count > 0)
            {
                var uids = set.Select(s => new UniqueId(s.Email.Uid)).ToList();
                await runtime.Connection.UseAsync(async client =>
                {
                    await new ImapActions(client, account.Imap).ExecuteOnAllAsync(set[0].Email.Folder, uids, onServer, cancellationToken);
                    return true;
                }, cancellationToken);
            }
            foreach (var (email, _) in set)
            {
                fault?.AfterActions(email);
            }
            await RecordTogetherAsync(account, set);
            var elapsed = time.GetElapsedTime(started);
            foreach (var _ in set)
            {
                metrics.Processed(account.Name, actions, ProcessingStatus.Done, elapsed);
            }
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Triage {Account}/{Folder}: acting on {Count} emails together failed ({Error}); one at a time instead",
                account.Name, set[0].Email.Folder, set.Count, e.Message);
            return false;
        }
        finally
        {
            runtime.Left();
            runtime.Concurrency.Release();
        }
    }

    /// <summary>Every email's audit row and processed_messages row, in one commit.</summary>
    private async Task RecordTogetherAsync(TriageAccount account, IReadOnlyList<(TriageEmail Email, ClassificationDecision Decision)> set)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        db.ProcessedMessages.AddRange(set.Select(s => new ProcessedMessage { MessageId = s.Email.MessageId, AccountName = account.Name, ProcessedAt = now }));
        try
        {
            await scope.ServiceProvider.GetRequiredService<TriageAuditLog>()
                .RecordAllAsync(set.Select(s => DecisionOf(account, s.Email, s.Decision)).ToList(), CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            // A processed row already there (a retry raced the watcher): each on its own, which treats that as done.
            db.ChangeTracker.Clear();
            foreach (var (email, decision) in set)
            {
                await RecordAsync(account, email, decision);
            }
        }
    }

    private async Task<HashSet<string>> ProcessedAmongAsync(string account, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var found = await db.ProcessedMessages.AsNoTracking()
            .Where(p => p.AccountName == account && messageIds.Contains(p.MessageId))
            .Select(p => p.MessageId)
            .ToListAsync(cancellationToken);
        return found.ToHashSet(StringComparer.Ordinal);
    }
}
