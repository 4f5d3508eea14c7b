using System.Globalization;
using Parley.Triage.DeadLetters;

namespace Parley.Triage.Inboxes;

/// <summary>
/// How an inbox's failed message is kept in <c>dead_letter</c>: account name <c>inbox:&lt;address&gt;</c>, folder
/// <c>mail:&lt;inbox id&gt;</c>, UID 0 — a form no IMAP folder takes, so the IMAP pipeline's reprocessor can leave these
/// entries to <see cref="InboxDeadLetterReprocessor"/> (<see cref="IDeadLetterReprocessor.Handles"/>).
/// </summary>
public static class InboxDeadLetters
{
    public const string FolderPrefix = "mail:";

    public static string Folder(Guid inboxId) => FolderPrefix + inboxId.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>The inbox of an inbox entry's folder; null for an IMAP folder.</summary>
    public static Guid? InboxOf(string folder) =>
        folder.StartsWith(FolderPrefix, StringComparison.Ordinal) && Guid.TryParse(folder.AsSpan(FolderPrefix.Length), out var id) ? id : null;
}

/// <summary>Retries an inbox's dead letter: the message is read again from Mail, classified, acted on and recorded.</summary>
internal sealed class InboxDeadLetterReprocessor(InboxTriage triage) : IDeadLetterReprocessor
{
    public bool Handles(DeadLetterItem item) => InboxDeadLetters.InboxOf(item.Folder) is not null;

    public async Task ReprocessAsync(DeadLetterItem item, CancellationToken cancellationToken)
    {
        var result = await triage.ProcessAsync(item.MessageId, InboxDeadLetters.InboxOf(item.Folder)!.Value, cancellationToken);
        if (result is InboxTriageResult.Failed failed)
        {
            throw new InvalidOperationException(failed.Error);
        }
    }
}
