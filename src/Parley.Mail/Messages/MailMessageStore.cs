using Parley.Mail.Storage;
using Parley.Mail.Threads;

namespace Parley.Mail.Messages;

/// <summary>How a message came to be stored: its direction, inboxes, and the raw MIME already in the blob store.</summary>
internal sealed record StoredRaw(string StorageKey, long SizeBytes);

/// <summary>
/// Adds a parsed message to the context — message row, recipients, references, attachments (their bytes
/// to the blob store), inbox links, thread — without saving, so the caller commits it together with its
/// own rows (delivery jobs, webhook deliveries). Inbound and outbound mail both come through here.
/// SEAM: this first version stores the message, recipients and references; attachments come with the
/// inbound part.
/// </summary>
internal sealed class MailMessageStore(MailThreader threader, TimeProvider clock)
{
    public async Task<(MailMessage Message, ThreadAssignment Thread)> AddAsync(
        MailDbContext db, ParsedMail mail, string direction, IReadOnlyList<Guid> inboxIds, StoredRaw raw, string metadataJson,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(inboxIds.Count);
        var now = clock.GetUtcNow().UtcDateTime;
        var thread = await threader.AssignAsync(db, mail, cancellationToken);
        var message = new MailMessage
        {
            MessageId = mail.MessageId,
            ThreadId = thread.ThreadId,
            InboxId = inboxIds[0],
            Direction = direction,
            FromAddress = mail.From.Address,
            FromName = mail.From.Name,
            Subject = mail.Subject,
            SentAt = mail.SentAt,
            InReplyTo = mail.InReplyTo,
            BodyText = mail.BodyText,
            BodyHtml = mail.BodyHtml,
            RawStorageKey = raw.StorageKey,
            RawSizeBytes = raw.SizeBytes,
            Metadata = metadataJson,
            CreatedAt = now,
        };
        db.Messages.Add(message);
        foreach (var inboxId in inboxIds.Distinct())
        {
            db.MessageInboxes.Add(new MessageInbox { MessageId = mail.MessageId, InboxId = inboxId });
        }
        AddRecipients(db, mail.MessageId, RecipientTypes.To, mail.To);
        AddRecipients(db, mail.MessageId, RecipientTypes.Cc, mail.Cc);
        AddRecipients(db, mail.MessageId, RecipientTypes.Bcc, mail.Bcc);
        for (var i = 0; i < mail.References.Count; i++)
        {
            db.MessageReferences.Add(new MessageReference { MessageId = mail.MessageId, ReferencedId = mail.References[i], Position = i });
        }
        return (message, thread);
    }

    private static void AddRecipients(MailDbContext db, string messageId, string type, IEnumerable<MailAddress> addresses)
    {
        foreach (var address in addresses)
        {
            db.MessageRecipients.Add(new MessageRecipient { MessageId = messageId, RecipientType = type, Address = address.Address, Name = address.Name });
        }
    }
}
