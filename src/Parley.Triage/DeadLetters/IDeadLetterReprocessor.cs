namespace Parley.Triage.DeadLetters;

/// <summary>
/// SEAM: "process this dead letter again" — fetch the email by folder and UID, classify, act, record. Implemented by
/// the processing pipeline (the IMAP part); until one is registered, due dead letters simply wait. Throwing is a failed
/// attempt (the exception's message becomes the entry's error); returning is success.
/// </summary>
internal interface IDeadLetterReprocessor
{
    Task ReprocessAsync(DeadLetterItem item, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this reprocessor takes <paramref name="item"/>. Several may be registered (IMAP accounts, Parley's own
    /// inboxes — see <see cref="Inboxes.InboxDeadLetters"/>); the queue hands an entry to the last registered that
    /// takes it, as DI's own "last one wins".
    /// </summary>
    bool Handles(DeadLetterItem item) => true;
}

/// <summary>What a reprocessor needs to find the email again.</summary>
internal sealed record DeadLetterItem(long Id, string MessageId, string AccountName, string Folder, long Uid, int Attempts);
