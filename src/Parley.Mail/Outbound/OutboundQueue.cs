using System.Text.Json;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Blobs;
using Parley.Core.Events;
using Parley.Core.Jobs;
using Parley.Mail.Delivery;
using Parley.Mail.Domains;
using Parley.Mail.Inboxes;
using Parley.Mail.Messages;
using Parley.Mail.Storage;
using Parley.Mail.Webhooks;

namespace Parley.Mail.Outbound;

/// <summary>A message ready to leave: built by the send API or submitted over SMTP, not yet signed.</summary>
/// <param name="Recipients">The envelope recipients (To, Cc and Bcc).</param>
/// <param name="Bcc">Blind copies, kept on the stored message but never in its headers.</param>
internal sealed record OutboundDraft(
    MimeMessage Message,
    Inbox Inbox,
    MailDomain Domain,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<MailAddress> Bcc,
    string? IdempotencyKey,
    string Source);

/// <summary>The message is larger than <c>Mail:Outbound:MaxMessageBytes</c> once built and signed.</summary>
internal sealed class MessageTooLargeException(long size, long limit)
    : Exception($"The message is {size} bytes; at most {limit} may be sent.")
{
    public long Size { get; } = size;
    public long Limit { get; } = limit;
}

/// <summary>
/// The one way a message leaves Parley, for the API and SMTP submission alike: DKIM-signed, its raw MIME in
/// the blob store, stored and threaded as outbound, a <c>pending</c> delivery event, one <c>mail.deliver</c>
/// job per recipient domain and the <c>message.sent</c> webhook — all committed in one <c>SaveChanges</c>,
/// then <see cref="EmailSent"/> on the event bus.
/// </summary>
internal sealed class OutboundQueue(
    DkimKeys dkim,
    IBlobStore blobs,
    MailMessageStore store,
    JobQueue jobs,
    MailWebhooks webhooks,
    EventBus events,
    IOptions<MailOptions> options,
    TimeProvider clock)
{
    /// <summary>Signs, stores and queues <paramref name="draft"/>. A second message with the draft's idempotency key fails the save (<c>DbUpdateException</c>).</summary>
    public async Task<(MailMessage Message, Guid ThreadId)> QueueAsync(MailDbContext db, OutboundDraft draft, CancellationToken cancellationToken)
    {
        var outbound = options.Value.Outbound;
        var message = draft.Message;
        var now = clock.GetUtcNow().UtcDateTime;

        // Blind copies travel in the envelope only.
        message.Headers.RemoveAll(HeaderId.Bcc);
        message.Headers.RemoveAll(HeaderId.ResentBcc);
        if (string.IsNullOrWhiteSpace(message.MessageId))
        {
            message.MessageId = $"{Guid.NewGuid()}@{draft.Domain.Name}";
        }
        if (!message.Headers.Contains(HeaderId.Date))
        {
            message.Date = clock.GetUtcNow();
        }
        // 7-bit first, so no relay re-encodes the body under the signature.
        message.Prepare(EncodingConstraint.SevenBit);
        dkim.EnsureAssigned(draft.Domain);
        dkim.Sign(draft.Domain, message);

        using var raw = new MemoryStream();
        await message.WriteToAsync(Wire, raw, cancellationToken);
        if (raw.Length > outbound.MaxMessageBytes)
        {
            throw new MessageTooLargeException(raw.Length, outbound.MaxMessageBytes);
        }
        raw.Position = 0;
        BlobInfo blob;
        try
        {
            blob = await blobs.PutAsync(raw, cancellationToken);
        }
        catch (BlobTooLargeException)
        {
            throw new MessageTooLargeException(raw.Length, raw.Length - 1);
        }

        var queueId = Guid.CreateVersion7().ToString("N");
        var parsed = MailMessageParser.Parse(message, options.Value.Hostname, now) with { Bcc = draft.Bcc };
        var metadata = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["source"] = draft.Source,
            ["queue_id"] = queueId,
            ["envelope"] = new Dictionary<string, object?> { ["rcpt_to"] = draft.Recipients },
        });
        var (stored, thread) = await store.AddAsync(db, parsed, MailDirections.Outbound, [draft.Inbox.Id], new StoredRaw(blob.Key, blob.Size), metadata, cancellationToken);
        stored.IdempotencyKey = draft.IdempotencyKey;
        stored.SesMessageId = queueId;

        db.DeliveryEvents.Add(new DeliveryEvent
        {
            MessageId = stored.MessageId,
            SesMessageId = queueId,
            Status = DeliveryStatuses.Pending,
            Details = JsonSerializer.Serialize(new { recipients = draft.Recipients, queued = true }),
            CreatedAt = now,
        });
        var schedule = RetrySchedule.Parse(outbound.RetrySchedule);
        foreach (var byDomain in draft.Recipients.GroupBy(DomainOf, StringComparer.OrdinalIgnoreCase))
        {
            jobs.Enqueue(db, DeliveryJob.JobKind, new DeliveryPayload(stored.MessageId, queueId, byDomain.Key, byDomain.ToList()), maxAttempts: schedule.MaxAttempts);
        }
        await webhooks.EnqueueAsync(db, MailEventTypes.MessageSent, draft.Inbox.Id, new
        {
            message_id = stored.MessageId,
            thread_id = thread.ThreadId,
            inbox_id = draft.Inbox.Id,
            from = stored.FromAddress,
            to = parsed.To.Select(a => a.Address),
            cc = parsed.Cc.Select(a => a.Address),
            subject = stored.Subject,
            queue_id = queueId,
        }, cancellationToken);
        // thread.merged, when the reply joined threads, was queued by the threader (MailThreader), the one place merges happen.
        await db.SaveChangesAsync(cancellationToken);
        await events.PublishAsync(new EmailSent(stored.MessageId, draft.Inbox.Id, thread.ThreadId), cancellationToken);
        return (stored, thread.ThreadId);
    }

    /// <summary>How raw MIME is written for storage and the wire: CRLF line ends.</summary>
    public static readonly FormatOptions Wire = CreateWireFormat();

    public static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..].ToLowerInvariant();

    private static FormatOptions CreateWireFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
