using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Mail.Inboxes;
using Parley.Mail.Messages;
using Parley.Triage.Attachments;
using Parley.Triage.Audit;
using Parley.Triage.Classification;
using Parley.Triage.Configuration;
using Parley.Triage.Processing;
using Parley.Triage.Storage;

namespace Parley.Triage.Inboxes;

/// <summary>What processing one stored message came to.</summary>
internal abstract record InboxTriageResult
{
    /// <summary>Nothing to do: the inbox is not triaged, the message was processed already, is gone, or was sent by Parley.</summary>
    public sealed record Skipped(string Reason) : InboxTriageResult;

    /// <summary>Decided, acted on (unless <paramref name="DryRun"/>), audited and remembered in processed_messages.</summary>
    public sealed record Decided(ClassificationDecision Decision, bool DryRun) : InboxTriageResult;

    /// <summary>Classification failed or an action could not be done; the message is left as it was.</summary>
    public sealed record Failed(string Error) : InboxTriageResult;
}

/// <summary>
/// One message of one of Parley's own inboxes through Triage: read from Mail, classified by the inbox's rules and LLM,
/// acted on (<see cref="InboxActions"/>), recorded in audit_log (<see cref="TriageAuditLog"/>) and processed_messages.
/// Configuration is read from <see cref="IOptionsMonitor{TOptions}.CurrentValue"/> every time.
/// </summary>
internal sealed class InboxTriage(
    IOptionsMonitor<TriageOptions> options,
    InboxDirectory inboxes,
    MessageReader reader,
    TriageClassifier classifier,
    Antivirus.EmailAntivirus antivirus,
    InboxActions actions,
    TriageAuditLog audit,
    TriageDbContext db,
    TimeProvider clock)
{
    /// <summary>The configured inbox that is <paramref name="inboxId"/>, by id or by address; null when it is not triaged.</summary>
    public async Task<InboxOptions?> ConfiguredAsync(Guid inboxId, CancellationToken cancellationToken)
    {
        var configured = options.CurrentValue.Inboxes;
        if (configured.Count == 0)
        {
            return null;
        }
        if (configured.FirstOrDefault(i => i.InboxId == inboxId) is { } byId)
        {
            return byId;
        }
        var address = (await inboxes.FindAsync(inboxId, cancellationToken))?.Address;
        return address is null ? null : configured.FirstOrDefault(i => string.Equals(i.Address?.Trim(), address, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<InboxTriageResult> ProcessAsync(string messageId, Guid inboxId, CancellationToken cancellationToken)
    {
        var triageOptions = options.CurrentValue;
        if (await ConfiguredAsync(inboxId, cancellationToken) is not { } inbox)
        {
            return new InboxTriageResult.Skipped("inbox not triaged");
        }
        var account = inbox.AccountName;
        if (await db.ProcessedMessages.AsNoTracking().AnyAsync(p => p.MessageId == messageId && p.AccountName == account, cancellationToken))
        {
            return new InboxTriageResult.Skipped("processed already");
        }
        var stored = await reader.FindAsync(messageId, cancellationToken);
        if (stored is null || stored.Outbound)
        {
            return new InboxTriageResult.Skipped(stored is null ? "message gone" : "sent by Parley");
        }

        var settings = InboxClassifierSettings.For(inbox, triageOptions);
        // Attachment text and images need the message as received; the stored fields do for the rest.
        var attachments = triageOptions.Attachments is { Enabled: true } extraction ? extraction : null;
        var images = VisionImages.LimitsFor(attachments, settings.Provider, settings.Private);
        // Antivirus scans the message as received too (its attachments' bytes are only there).
        var scan = triageOptions.Antivirus.Enabled;
        var mime = attachments is not null || images is not null || scan ? await reader.LoadMimeAsync(messageId, cancellationToken) : null;
        var email = InboxEmails.From(stored, account, inboxId, mime, attachments, images);
        if (scan && mime is not null)
        {
            email = await antivirus.ScanAsync(email, mime, cancellationToken);
        }
        // quarantine is the label "Quarantine" here (a move is a label in a Parley inbox), delete is the inbox's delete.
        var dryRun = inbox.DryRun ?? triageOptions.DryRun;
        // flag_only labels the message before classifying, so a failed classification does not lose them.
        ClassificationOutcome outcome;
        try
        {
            outcome = await antivirus.DecideAsync(email,
                flag => dryRun ? Task.CompletedTask : actions.ApplyAsync(stored, email, inboxId, mime, [flag], cancellationToken),
                () => classifier.ClassifyAsync(email, settings, cancellationToken));
        }
        catch (InboxActionException ex)
        {
            return new InboxTriageResult.Failed("action_failed: " + ex.Message);
        }
        if (outcome is ClassificationFailure failure)
        {
            return new InboxTriageResult.Failed($"{failure.CodeName}: {failure.Message}");
        }
        var decision = (ClassificationDecision)outcome;
        if (!dryRun)
        {
            try
            {
                await actions.ApplyAsync(stored, email, inboxId, mime, decision.Actions, cancellationToken);
            }
            catch (InboxActionException ex)
            {
                return new InboxTriageResult.Failed("action_failed: " + ex.Message);
            }
        }
        await audit.RecordAsync(new TriageDecision(
            messageId, account, decision.Actions, stored.Subject, decision.Source.Provider, decision.Source.Model,
            decision.Source.Kind == DecisionSourceKind.Llm ? decision.Confidence : null, decision.Reasoning, dryRun), cancellationToken);
        db.ProcessedMessages.Add(new ProcessedMessage { MessageId = messageId, AccountName = account, ProcessedAt = clock.GetUtcNow().ToUnixTimeSeconds() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Processed at the same moment by another run (a retry racing the first job): it is processed.
            db.ChangeTracker.Clear();
        }
        return new InboxTriageResult.Decided(decision, dryRun);
    }
}
