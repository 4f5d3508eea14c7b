using MimeKit;
using Parley.Mail.Messages;
using Parley.Mail.Threads;
using Parley.Triage.Actions;
using Parley.Triage.Emails;
using Parley.Triage.Forwarding;

namespace Parley.Triage.Inboxes;

/// <summary>
/// Carries out a decision on a message stored by Mail, in order. Mail has labels and thread states, not folders and
/// flags, so: label/unlabel → labels; flag/unflag → a label named after the flag without its <c>\</c> or <c>$</c>,
/// lower-case (<c>\Flagged</c> → <c>flagged</c>); move/copy → a label named after the folder (the message stays where
/// it is); mark_unread/mark_read → put/take off the label <c>unread</c>; archive/spam/delete → the thread's state
/// archived/spam/trash; forward → sent from the inbox through Mail with its attachments by the one
/// <see cref="EmailForwarder"/>, once (<see cref="ForwardLedger"/>); none → nothing.
/// Every step is idempotent, so a retry after a failure or a crash repeats no change (a forward could be sent twice only
/// by a crash between Mail queuing it and its record).
/// </summary>
internal sealed class InboxActions(MessageLabels labels, ThreadStateChanges states, MessageReader reader, EmailForwarder forwarder)
{
    public const string UnreadLabel = "unread";

    /// <param name="email">The message as Triage read it (what a forward quotes; its account is the inbox's).</param>
    /// <param name="mime">The message as received when the caller loaded it already; else a forward loads it.</param>
    public async Task ApplyAsync(StoredEmail message, TriageEmail email, Guid inboxId, MimeMessage? mime, IReadOnlyList<TriageAction> actions, CancellationToken cancellationToken)
    {
        foreach (var action in actions)
        {
            switch (action.Kind)
            {
                case TriageActionKind.Label:
                    await LabelAsync(message, action.Labels ?? [], add: true, cancellationToken);
                    break;
                case TriageActionKind.Unlabel:
                    await LabelAsync(message, action.Labels ?? [], add: false, cancellationToken);
                    break;
                case TriageActionKind.Flag:
                    await LabelAsync(message, (action.Flags ?? []).Select(FlagLabel).ToList(), add: true, cancellationToken);
                    break;
                case TriageActionKind.Unflag:
                    await LabelAsync(message, (action.Flags ?? []).Select(FlagLabel).ToList(), add: false, cancellationToken);
                    break;
                case TriageActionKind.Move or TriageActionKind.Copy when !string.IsNullOrWhiteSpace(action.Folder):
                    await LabelAsync(message, [action.Folder], add: true, cancellationToken);
                    break;
                case TriageActionKind.MarkUnread:
                    await LabelAsync(message, [UnreadLabel], add: true, cancellationToken);
                    break;
                case TriageActionKind.MarkRead:
                    await LabelAsync(message, [UnreadLabel], add: false, cancellationToken);
                    break;
                case TriageActionKind.Archive:
                    await StateAsync(message, ThreadStates.Archived, cancellationToken);
                    break;
                case TriageActionKind.Spam:
                    await StateAsync(message, ThreadStates.Spam, cancellationToken);
                    break;
                case TriageActionKind.Delete:
                    await StateAsync(message, ThreadStates.Trash, cancellationToken);
                    break;
                case TriageActionKind.Forward when !string.IsNullOrWhiteSpace(action.ForwardTo):
                    await ForwardAsync(email, inboxId, mime, action.ForwardTo, cancellationToken);
                    break;
            }
        }
    }

    public static string FlagLabel(string flag) => flag.TrimStart('\\', '$').ToLowerInvariant();

    private async Task LabelAsync(StoredEmail message, IReadOnlyList<string> names, bool add, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            var change = add ? await labels.AddAsync(message.MessageId, name, cancellationToken) : await labels.RemoveAsync(message.MessageId, name, cancellationToken);
            if (change is LabelChange.InvalidLabel or LabelChange.MessageNotFound)
            {
                throw new InboxActionException($"label '{name}' could not be {(add ? "put on" : "taken off")} the message ({change})");
            }
        }
    }

    private async Task StateAsync(StoredEmail message, string state, CancellationToken cancellationToken)
    {
        if (!(await states.SetAsync(message.ThreadId, state, cancellationToken)).Found)
        {
            throw new InboxActionException($"the message's thread is gone; it could not be set to {state}");
        }
    }

    /// <summary>
    /// Through the one forwarder, from this inbox, with the attachments of the message as received (loaded here when
    /// the caller has not already); once per (inbox, message, address).
    /// </summary>
    private async Task ForwardAsync(TriageEmail email, Guid inboxId, MimeMessage? mime, string to, CancellationToken cancellationToken)
    {
        try
        {
            await forwarder.ForwardAsync(new MailSource.Inbox(inboxId), email,
                ct => mime is not null ? Task.FromResult<MimeMessage?>(mime) : reader.LoadMimeAsync(email.MessageId, ct), to, cancellationToken);
        }
        catch (ForwardException e)
        {
            throw new InboxActionException(e.Message);
        }
    }
}

/// <summary>An action could not be carried out on the stored message; the message goes to the dead letter.</summary>
internal sealed class InboxActionException(string message) : Exception(message);
