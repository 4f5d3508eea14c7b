using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Blobs;
using Parley.Mail.Storage;
using Parley.Mail.Threads;

namespace Parley.Mail.Messages;

/// <summary>How a message came to be stored: its direction, inboxes, and the raw MIME already in the blob store.</summary>
internal sealed record StoredRaw(string StorageKey, long SizeBytes);

/// <summary>
/// What <see cref="MailMessageStore.AddAsync"/> did. <see cref="Duplicate"/>: a message with this Message-ID was
/// already stored; <see cref="Message"/> is that row, nothing of the new copy was added except the inbox links
/// it lacked, and the caller acknowledges it without storing it twice.
/// </summary>
internal sealed record StoreOutcome(MailMessage Message, ThreadAssignment Thread, bool Duplicate, IReadOnlyList<MailAttachment> Attachments)
{
    /// <summary>The first version's shape, <c>var (message, thread) = await store.AddAsync(...)</c>, still reads.</summary>
    public void Deconstruct(out MailMessage message, out ThreadAssignment thread)
    {
        message = Message;
        thread = Thread;
    }
}

/// <summary>
/// Adds a parsed message to the context — message row, recipients, references, attachments (their decoded
/// bytes streamed to the blob store), inbox links, thread — without saving, so the caller commits it together
/// with its own rows (delivery jobs, webhook deliveries). Inbound and outbound mail both come through here.
/// Blobs written for a message whose rows are then not committed are unreferenced, not wrong: keys are content hashes.
/// </summary>
internal sealed class MailMessageStore(MailThreader threader, IBlobStore blobs, TimeProvider clock)
{
    public async Task<StoreOutcome> AddAsync(
        MailDbContext db, ParsedMail mail, string direction, IReadOnlyList<Guid> inboxIds, StoredRaw raw, string metadataJson,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(inboxIds.Count);
        var existing = await db.Messages.FindAsync([mail.MessageId], cancellationToken);
        if (existing is not null)
        {
            await LinkInboxesAsync(db, existing.MessageId, inboxIds, cancellationToken);
            return new StoreOutcome(existing, new ThreadAssignment(existing.ThreadId, []), Duplicate: true, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var thread = await threader.AssignAsync(db, mail, cancellationToken, inboxIds);
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
            Metadata = WithGeneratedFlag(metadataJson, mail.MessageIdGenerated),
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
        var attachments = new List<MailAttachment>();
        foreach (var part in mail.Attachments)
        {
            var blob = await PutAsync(part, cancellationToken);
            var attachment = new MailAttachment
            {
                MessageId = mail.MessageId,
                Filename = part.Filename,
                ContentType = part.ContentType,
                ContentId = part.ContentId,
                SizeBytes = blob.Size,
                StorageKey = blob.Key,
            };
            db.Attachments.Add(attachment);
            attachments.Add(attachment);
        }
        return new StoreOutcome(message, thread, Duplicate: false, attachments);
    }

    /// <summary>The same message delivered again for another of our inboxes (one copy per RCPT batch) is linked to it too (unsaved).</summary>
    public static async Task LinkInboxesAsync(MailDbContext db, string messageId, IReadOnlyList<Guid> inboxIds, CancellationToken cancellationToken)
    {
        var linked = await db.MessageInboxes.Where(l => l.MessageId == messageId).Select(l => l.InboxId).ToListAsync(cancellationToken);
        linked.AddRange(db.MessageInboxes.Local.Where(l => l.MessageId == messageId).Select(l => l.InboxId));
        foreach (var inboxId in inboxIds.Distinct().Except(linked))
        {
            db.MessageInboxes.Add(new MessageInbox { MessageId = messageId, InboxId = inboxId });
        }
    }

    /// <summary>Streams the part's decoded bytes into the blob store through a pipe: no whole-part buffer.</summary>
    private async Task<BlobInfo> PutAsync(ParsedAttachment part, CancellationToken cancellationToken)
    {
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            try
            {
                await using (var output = pipe.Writer.AsStream(leaveOpen: true))
                {
                    await part.WriteContentAsync(output, cancellationToken);
                }
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception error)
            {
                await pipe.Writer.CompleteAsync(error);
            }
        }, cancellationToken);
        try
        {
            await using var input = pipe.Reader.AsStream();
            return await blobs.PutAsync(input, cancellationToken);
        }
        finally
        {
            await writing;
        }
    }

    private static string WithGeneratedFlag(string metadataJson, bool generated)
    {
        if (!generated)
        {
            return metadataJson;
        }
        var metadata = JsonNode.Parse(string.IsNullOrWhiteSpace(metadataJson) ? "{}" : metadataJson) as JsonObject ?? [];
        metadata["message_id_generated"] = true;
        return metadata.ToJsonString();
    }

    private static void AddRecipients(MailDbContext db, string messageId, string type, IEnumerable<MailAddress> addresses)
    {
        foreach (var address in addresses)
        {
            db.MessageRecipients.Add(new MessageRecipient { MessageId = messageId, RecipientType = type, Address = address.Address, Name = address.Name });
        }
    }
}
