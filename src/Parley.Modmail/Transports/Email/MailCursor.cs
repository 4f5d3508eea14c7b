using Microsoft.EntityFrameworkCore;
using Parley.Mail.Messages;
using Parley.Modmail.Desks;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Transports.Email;

/// <summary>
/// A support inbox's recovery cursor (<see cref="SupportInbox.MailCursorAt"/>, <see cref="SupportInbox.MailCursorMessageId"/>):
/// Mail's position of the latest received message Modmail has taken in — its intake job queued, or found to be no
/// business of a disabled support inbox. Recovery reads past it.
/// </summary>
internal static class MailCursor
{
    /// <summary>Where the cursor stands: past nothing before the inbox became a support inbox.</summary>
    public static ReceivedMailPosition Of(SupportInbox inbox) => new(inbox.MailCursorAt ?? inbox.CreatedAt, inbox.MailCursorMessageId ?? "");

    /// <summary>Moves the cursor to <paramref name="position"/> unless it is already there or later (jobs and handlers finish in any order).</summary>
    public static Task AdvanceAsync(ModmailDbContext db, Guid inboxId, ReceivedMailPosition position, CancellationToken cancellationToken)
    {
        var (at, id) = (position.ReceivedAt, position.MessageId);
        return db.SupportInboxes
            .Where(i => i.InboxId == inboxId && (i.MailCursorAt == null || i.MailCursorAt < at
                || (i.MailCursorAt == at && (i.MailCursorMessageId == null || string.Compare(i.MailCursorMessageId, id) < 0))))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.MailCursorAt, at).SetProperty(i => i.MailCursorMessageId, id), cancellationToken);
    }

    /// <summary>The order Mail's query uses, for telling which side of the cursor a message is on.</summary>
    public static bool IsAfter(ReceivedMailPosition a, ReceivedMailPosition b) =>
        a.ReceivedAt > b.ReceivedAt || (a.ReceivedAt == b.ReceivedAt && string.CompareOrdinal(a.MessageId, b.MessageId) > 0);
}
