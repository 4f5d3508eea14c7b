using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Triage.Actions;
using Parley.Triage.Antivirus;
using Parley.Triage.Audit;
using Parley.Triage.Classification;
using Parley.Triage.DeadLetters;
using Parley.Triage.Emails;
using Parley.Triage.Forwarding;
using Parley.Triage.Imap;
using Parley.Triage.Processing;
using Parley.Triage.Storage;

namespace Parley.Triage.Pipeline;

/// <summary>
/// Every email, once: skip it when its Message-ID is in <c>processed_messages</c> for the account → classify →
/// below the minimum confidence with no review folder: fail (untouched) → carry out the actions (dry run: recorded,
/// not done) → audit → remember it in <c>processed_messages</c>. A failure anywhere is a dead letter, never an
/// exception to the watcher (which would hand the same email again and again). Mailbox safety: actions come before
/// the record, so a crash between them leaves the email where the actions put it (or where it was) and unrecorded;
/// handed again, a message moved away is no longer in the source folder, and the dead letter treats "gone" as done.
/// </summary>
internal sealed partial class TriageEmailProcessor(
    RunningAccounts accounts,
    IServiceScopeFactory scopes,
    TriageClassifier classifier,
    EmailAntivirus antivirus,
    PipelineMetrics metrics,
    TimeProvider time,
    ILogger<TriageEmailProcessor> logger,
    IProcessingFault? fault = null) : ITriageEmailBatchSink
{
    public Task HandleAsync(TriageEmail email, CancellationToken cancellationToken) => HandleOneAsync(RuntimeOf(email), email, decided: null);

    private AccountRuntime RuntimeOf(TriageEmail email) => accounts.Find(email.AccountName)
        ?? throw new InvalidOperationException($"account {email.AccountName} is not running");

    /// <param name="decided">The decision when it is already made (the batch path's rules), else null: classify.</param>
    private async Task HandleOneAsync(AccountRuntime runtime, TriageEmail email, ClassificationDecision? decided)
    {
        // The watcher's token stops watching; an email already handed is finished unless processing itself is stopped
        // (shutdown.timeout passed), so a shutdown does not leave half-done work behind.
        var result = await ProcessAsync(runtime, email, runtime.Processing.Token, decided);
        if (result.Status == ProcessingStatus.Failed)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeadLetterQueue>()
                .RecordAsync(email.MessageId, email.AccountName, email.Folder, email.Uid, result.Error!, CancellationToken.None);
        }
    }

    public async Task<ProcessingResult> ProcessAsync(AccountRuntime runtime, TriageEmail email, CancellationToken cancellationToken,
        ClassificationDecision? decided = null)
    {
        var account = runtime.Account;
        if (await IsProcessedAsync(account.Name, email.MessageId, cancellationToken))
        {
            return ProcessingResult.AlreadyProcessed;
        }
        await runtime.Concurrency.WaitAsync(cancellationToken);
        runtime.Entered();
        var started = time.GetTimestamp();
        try
        {
            var result = await DecideAndActAsync(runtime, email, decided, cancellationToken);
            metrics.Processed(account.Name, result.Actions, result.Result.Status, time.GetElapsedTime(started));
            if (result.Result.Status == ProcessingStatus.Failed)
            {
                runtime.LastProcessingError = result.Result.Error;
                logger.LogWarning("Triage {Account}/{Folder} UID {Uid}: {Error}", account.Name, email.Folder, email.Uid, result.Result.Error);
            }
            return result.Result;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Processed(account.Name, [], ProcessingStatus.Failed, time.GetElapsedTime(started));
            runtime.LastProcessingError = e.Message;
            logger.LogWarning("Triage {Account}/{Folder} UID {Uid}: {Error}", account.Name, email.Folder, email.Uid, e.Message);
            return ProcessingResult.Failed(e.Message);
        }
        finally
        {
            runtime.Left();
            runtime.Concurrency.Release();
        }
    }

    private async Task<(ProcessingResult Result, IReadOnlyList<TriageAction> Actions)> DecideAndActAsync(
        AccountRuntime runtime, TriageEmail email, ClassificationDecision? decided, CancellationToken cancellationToken)
    {
        var account = runtime.Account;
        var outcome = decided ?? await antivirus.DecideAsync(email,
            flag => FlagNowAsync(runtime, email, flag, cancellationToken),
            () => classifier.ClassifyAsync(email, account.Classifier, cancellationToken));
        if (outcome is ClassificationFailure failure)
        {
            return (ProcessingResult.Failed($"{failure.CodeName}: {failure.Message}"), []);
        }
        var decision = (ClassificationDecision)outcome;
        if (decision.BelowMinimumConfidence && account.Classifier.ReviewFolder is null)
        {
            // Mailpilot's confidence.minimum_threshold: left untouched, in the dead letter for a retry or an operator.
            return (ProcessingResult.Failed(
                $"low_confidence: confidence {decision.Confidence:0.##} is below the minimum {account.Classifier.MinimumConfidence:0.##}; left untouched"), []);
        }

        // "Leave it alone" sends nothing, so mail no rule touches costs no turn on the action connection.
        var onServer = decision.Actions.Where(a => a.Kind is not (TriageActionKind.Forward or TriageActionKind.None)).ToList();
        if (!account.Imap.DryRun)
        {
            // Forwards first: each is recorded in forwarded_messages as soon as it is sent, so a server action that fails
            // after it (dead letter, retry) does not send it again.
            var forwards = decision.Actions.Where(a => a.Kind == TriageActionKind.Forward && !string.IsNullOrWhiteSpace(a.ForwardTo)).ToList();
            if (forwards.Count > 0)
            {
                // The attachments go along: the message is fetched again for them (TriageEmail holds no bytes), once,
                // and only when a forward is to be sent (a retry's forward sent before fetches nothing).
                MimeKit.MimeMessage? original = null;
                async Task<MimeKit.MimeMessage?> OriginalAsync(CancellationToken ct) => original ??=
                    await runtime.Connection.UseAsync(client => ImapOriginal.FetchAsync(client, email, ct), ct)
                    ?? throw new ForwardException($"forward: the email is no longer at UID {email.Uid} in {email.Folder}");
                var from = new MailSource.Route(account.Forward, account.Imap.Username);
                foreach (var forward in forwards)
                {
                    await using var forwardScope = scopes.CreateAsyncScope();
                    await forwardScope.ServiceProvider.GetRequiredService<EmailForwarder>().ForwardAsync(from, email, OriginalAsync, forward.ForwardTo!, cancellationToken);
                }
            }
        }
        if (onServer.Count > 0 || ProcessingHeaders.Applies(account, decision.Actions))
        {
            await runtime.Connection.UseAsync(async client =>
            {
                // Quarantine is created when missing whatever folders.mode says (Mailpilot's): it is not the LLM's choice.
                var imap = email.Virus is not null && decision.Source == EmailAntivirus.Origin ? account.Imap with { AutoCreateFolders = true } : account.Imap;
                await new ImapActions(client, imap).ExecuteAsync(email.Folder, email.Uid, onServer, cancellationToken);
                if (ProcessingHeaders.Applies(account, decision.Actions))
                {
                    await ProcessingHeaders.AddAsync(client, email.Folder, email.Uid, decision, time.GetUtcNow(), cancellationToken);
                }
                return true;
            }, cancellationToken);
        }
        fault?.AfterActions(email);

        await RecordAsync(account, email, decision);
        return (ProcessingResult.Done, decision.Actions);
    }

    /// <summary><c>flag_only</c>'s flags, set before classifying (not in dry run): a failure after them does not lose them.</summary>
    private async Task FlagNowAsync(AccountRuntime runtime, TriageEmail email, TriageAction flag, CancellationToken cancellationToken)
    {
        if (runtime.Account.Imap.DryRun)
        {
            return;
        }
        await runtime.Connection.UseAsync(async client =>
        {
            await new ImapActions(client, runtime.Account.Imap).ExecuteAsync(email.Folder, email.Uid, [flag], cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// The audit row and the processed_messages row in one commit (the scope's <see cref="TriageAuditLog"/> saves the
    /// scope's context, so a row added to it first goes in the same transaction). A processed row already there (a
    /// retry that raced the watcher) is the same fact: then the audit row is written alone, as the decision was made.
    /// </summary>
    private async Task RecordAsync(TriageAccount account, TriageEmail email, ClassificationDecision decision)
    {
        var entry = DecisionOf(account, email, decision);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
            db.ProcessedMessages.Add(new ProcessedMessage
            {
                MessageId = email.MessageId,
                AccountName = account.Name,
                ProcessedAt = time.GetUtcNow().ToUnixTimeSeconds(),
            });
            try
            {
                await scope.ServiceProvider.GetRequiredService<TriageAuditLog>().RecordAsync(entry, CancellationToken.None);
                return;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await db.ProcessedMessages.AsNoTracking().AnyAsync(p => p.MessageId == email.MessageId && p.AccountName == account.Name))
                {
                    throw;
                }
            }
        }
        await using var auditOnly = scopes.CreateAsyncScope();
        await auditOnly.ServiceProvider.GetRequiredService<TriageAuditLog>().RecordAsync(entry, CancellationToken.None);
    }

    private static TriageDecision DecisionOf(TriageAccount account, TriageEmail email, ClassificationDecision decision) => new(
        email.MessageId, account.Name, decision.Actions, email.Subject,
        decision.Source.Provider, decision.Source.Model,
        decision.Source.Kind == DecisionSourceKind.Llm ? decision.Confidence : null,
        decision.Reasoning,
        account.Imap.DryRun);

    private async Task<bool> IsProcessedAsync(string account, string messageId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        return await db.ProcessedMessages.AnyAsync(p => p.MessageId == messageId && p.AccountName == account, cancellationToken);
    }
}
