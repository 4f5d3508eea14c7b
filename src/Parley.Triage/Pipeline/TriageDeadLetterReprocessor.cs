using MailKit;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using Parley.Triage.DeadLetters;
using Parley.Triage.Emails;
using Parley.Triage.Imap;

namespace Parley.Triage.Pipeline;

/// <summary>
/// The dead letter's "process this again": finds the email by folder and UID — by Message-ID in the same folder when
/// the UID is gone or now names another message — and runs it through the same <see cref="TriageEmailProcessor"/>.
/// An email no longer in its folder was acted on before the failure was recorded (a crash between "move" and
/// "record"), moved or deleted by someone: there is nothing left to do, and the entry succeeds rather than failing
/// until exhausted. Throwing fails the attempt (the queue reschedules it).
/// </summary>
internal sealed class TriageDeadLetterReprocessor(
    RunningAccounts accounts,
    TriageEmailProcessor processor,
    Antivirus.EmailAntivirus antivirus,
    ILogger<TriageDeadLetterReprocessor> logger) : IDeadLetterReprocessor
{
    /// <summary>IMAP entries only: Parley's own inboxes' entries (<c>mail:</c> folders) have their own reprocessor.</summary>
    public bool Handles(DeadLetterItem item) => Inboxes.InboxDeadLetters.InboxOf(item.Folder) is null;

    public async Task ReprocessAsync(DeadLetterItem item, CancellationToken cancellationToken)
    {
        var runtime = accounts.Find(item.AccountName)
            ?? throw new InvalidOperationException($"account {item.AccountName} is not configured or not running");
        if (runtime.Paused)
        {
            throw new InvalidOperationException($"account {item.AccountName} is paused");
        }
        var email = await runtime.Connection.UseAsync(client => FindAsync(client, runtime.Account.Imap, item, cancellationToken), cancellationToken);
        if (email is null)
        {
            logger.LogInformation("Triage {Account}: dead letter {Id} is no longer in {Folder}; nothing left to do", item.AccountName, item.Id, item.Folder);
            return;
        }
        var result = await processor.ProcessAsync(runtime, email, cancellationToken);
        if (result.Status == ProcessingStatus.Failed)
        {
            throw new DeadLetterRetryFailed(result.Error!);
        }
    }

    private async Task<TriageEmail?> FindAsync(MailKit.Net.Imap.ImapClient client, ImapAccount account, DeadLetterItem item, CancellationToken ct)
    {
        IMailFolder folder;
        try
        {
            folder = await client.GetFolderAsync(item.Folder, ct);
        }
        catch (FolderNotFoundException)
        {
            return null;
        }
        await folder.OpenAsync(FolderAccess.ReadOnly, ct);
        if (item.Uid is > 0 and <= uint.MaxValue && await ReadAsync(folder, account, new UniqueId((uint)item.Uid), ct) is { } byUid
            && byUid.MessageId == item.MessageId)
        {
            return byUid;
        }
        var found = await folder.SearchAsync(SearchQuery.HeaderContains("Message-ID", item.MessageId), ct);
        foreach (var uid in found.OrderBy(u => u.Id))
        {
            if (await ReadAsync(folder, account, uid, ct) is { } email && email.MessageId == item.MessageId)
            {
                return email;
            }
        }
        return null;
    }

    private async Task<TriageEmail?> ReadAsync(IMailFolder folder, ImapAccount account, UniqueId uid, CancellationToken ct)
    {
        var summaries = await folder.FetchAsync([uid], MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct);
        if (summaries.Count == 0)
        {
            return null; // expunged or moved away
        }
        var message = await folder.GetMessageAsync(uid, ct);
        // Read as the watcher reads it (attachment text, images), so a retry decides on what the first attempt saw.
        // Scanned again, as the watcher scans: an email with a virus is never classified, on a retry either.
        return await antivirus.ScanAsync(TriageEmailReader.Read(account.Name, folder.FullName, folder.UidValidity, uid.Id, message, summaries[0].Size ?? 0,
            account.Attachments, account.Images), message, ct);
    }
}

/// <summary>A retry that ended in the same kind of failure; its message becomes the dead letter's error.</summary>
internal sealed class DeadLetterRetryFailed(string error) : Exception(error);
