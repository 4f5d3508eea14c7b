using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Blobs;
using Parley.Core.Events;
using Parley.Mail.Delivery;
using Parley.Mail.Messages;
using Parley.Mail.Smtp;
using Parley.Mail.Storage;
using Parley.Mail.Webhooks;

namespace Parley.Mail.Inbound;

/// <summary>What RCPT TO found: an inbox of Parley's, an address outside (authenticated submission only), or a refusal.</summary>
internal sealed record RecipientCheck(Guid? InboxId, bool External, SmtpReply? Refusal)
{
    public static RecipientCheck Local(Guid inboxId) => new(inboxId, false, null);
    public static RecipientCheck Outside { get; } = new(null, true, null);
    public static RecipientCheck Refused(SmtpReply reply) => new(null, false, reply);
}

/// <summary>
/// The inbound pipeline behind the SMTP server: who may send (MAIL FROM), who receives (RCPT TO), and
/// accepting a message whose raw MIME is already in the blob store — authentication verdicts, delivery
/// reports, the message rows, the <c>message.received</c> webhooks, all committed in one SaveChanges,
/// and only then <see cref="EmailReceived"/> and the 250. A failure before the commit leaves no rows
/// and no orphan blob, and answers 451 so the sender tries again.
/// </summary>
internal sealed partial class InboundMail(
    MailDbContext db,
    IBlobStore blobs,
    MailMessageStore store,
    InboundAuthentication authentication,
    DeliveryReports reports,
    MailWebhooks webhooks,
    EventBus events,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<InboundMail> logger)
{
    /// <summary>Null when <paramref name="reversePath"/> may send; else the refusal (550 5.7.1). The null path (bounces) always may.</summary>
    public async Task<SmtpReply?> CheckSenderAsync(string? reversePath, CancellationToken cancellationToken)
    {
        if (reversePath is null)
        {
            return null;
        }
        var address = reversePath.ToLowerInvariant();
        var domain = address[(address.LastIndexOf('@') + 1)..];
        foreach (var blocked in options.Value.Inbound.BlockedSenders)
        {
            var entry = blocked.Trim().ToLowerInvariant();
            if (entry == address || (entry.StartsWith('@') && entry[1..] == domain))
            {
                return SmtpReply.SenderRefused;
            }
        }
        if (await db.SuppressedAddresses.AnyAsync(s => s.Address == address, cancellationToken))
        {
            return SmtpReply.SenderRefused;
        }
        return null;
    }

    /// <summary>
    /// An inbox of a live domain whose local part matches (case-insensitively), else that domain's catch-all
    /// inbox, else 550 5.1.1. A domain Parley does not serve is relaying: 550 5.7.1, unless the session
    /// authenticated, when the address is an outside recipient of a submission.
    /// </summary>
    public async Task<RecipientCheck> CheckRecipientAsync(SmtpPath recipient, bool authenticated, CancellationToken cancellationToken)
    {
        var domainName = recipient.AsciiDomain;
        var domainId = domainName is null
            ? null
            : await db.Domains.Where(d => d.Name == domainName && d.DeletedAt == null).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (domainId is null)
        {
            return authenticated ? RecipientCheck.Outside : RecipientCheck.Refused(SmtpReply.RelayDenied);
        }
        var local = recipient.LocalPart!.ToLowerInvariant();
        var candidates = await db.Inboxes
            .Where(i => i.DomainId == domainId && i.DeletedAt == null && (i.LocalPart == local || i.IsCatchall))
            .Select(i => new { i.Id, i.LocalPart, i.IsCatchall })
            .ToListAsync(cancellationToken);
        var inbox = candidates.FirstOrDefault(i => i.LocalPart == local) ?? candidates.FirstOrDefault(i => i.IsCatchall);
        return inbox is null ? RecipientCheck.Refused(SmtpReply.NoSuchMailbox) : RecipientCheck.Local(inbox.Id);
    }

    /// <summary>Stores the message in <paramref name="raw"/> for <paramref name="inboxIds"/> and returns the reply the client gets.</summary>
    public async Task<SmtpReply> AcceptAsync(SmtpEnvelope envelope, IReadOnlyList<Guid> inboxIds, BlobInfo raw, CancellationToken cancellationToken)
    {
        try
        {
            return await StoreAsync(envelope, inboxIds, raw, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogAcceptFailed(ex, envelope.ClientAddress);
            await RemoveOrphansAsync(raw.Key);
            return SmtpReply.LocalError;
        }
    }

    private async Task<SmtpReply> StoreAsync(SmtpEnvelope envelope, IReadOnlyList<Guid> inboxIds, BlobInfo raw, CancellationToken cancellationToken)
    {
        MimeMessage mime;
        await using (var content = await blobs.OpenReadAsync(raw.Key, cancellationToken) ?? throw new InvalidOperationException("The received message's blob is missing."))
        {
            mime = await MimeMessage.LoadAsync(content, cancellationToken);
        }
        var parsed = MailMessageParser.Parse(mime, options.Value.Hostname, clock.GetUtcNow().UtcDateTime);

        if (await AlreadyStoredAsync(parsed.MessageId, inboxIds, raw, cancellationToken) is { } again)
        {
            return again;
        }

        var verdict = await authentication.EvaluateAsync(mime, envelope, cancellationToken);
        if (verdict.Reject)
        {
            await RemoveOrphansAsync(raw.Key);
            return new SmtpReply(550, "5.7.1", "Message refused by the domain's authentication policy");
        }
        await reports.TryRecordAsync(db, mime, cancellationToken);

        var metadata = JsonSerializer.Serialize(new
        {
            authentication = new { spf = verdict.Spf, dkim = verdict.Dkim, dmarc = verdict.Dmarc },
            envelope = new
            {
                mail_from = envelope.ReversePath,
                rcpt_to = envelope.Recipients,
                client_ip = envelope.ClientAddress,
                helo = envelope.HeloName,
                tls = envelope.Tls,
            },
        });
        var (message, thread) = await store.AddAsync(db, parsed, MailDirections.Inbound, inboxIds, new StoredRaw(raw.Key, raw.Size), metadata, cancellationToken);
        var distinct = inboxIds.Distinct().ToList();
        foreach (var inboxId in distinct)
        {
            await webhooks.EnqueueAsync(db, MailEventTypes.MessageReceived, inboxId, Summary(message, parsed, inboxId), cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await RemoveOrphansAsync(raw.Key);
            if (!await db.Messages.AnyAsync(m => m.MessageId == parsed.MessageId, cancellationToken))
            {
                throw;
            }
            // The same message came in on another session at the same moment and won: it is stored once.
            return Queued(parsed.MessageId);
        }

        foreach (var inboxId in distinct)
        {
            await events.PublishAsync(new EmailReceived(message.MessageId, inboxId, thread.ThreadId), cancellationToken);
        }
        return Queued(parsed.MessageId);
    }

    /// <summary>
    /// The same Message-ID again (a retry after a lost 250, a second copy through a list): acknowledged,
    /// not stored twice; inboxes the first copy did not reach are linked to it. Checked before authentication
    /// and delivery reports, so a retry costs no DNS lookups and a repeated DSN is not recorded twice (the
    /// store's own duplicate check covers the race of two sessions at once).
    /// </summary>
    private async Task<SmtpReply?> AlreadyStoredAsync(string messageId, IReadOnlyList<Guid> inboxIds, BlobInfo raw, CancellationToken cancellationToken)
    {
        var existing = await db.Messages.Where(m => m.MessageId == messageId).Select(m => new { m.RawStorageKey }).FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            return null;
        }
        await MailMessageStore.LinkInboxesAsync(db, messageId, inboxIds, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (existing.RawStorageKey != raw.Key)
        {
            await RemoveOrphansAsync(raw.Key);
        }
        return Queued(messageId);
    }

    /// <summary>Removes the raw blob and any attachment blobs this attempt wrote, unless a stored message uses them (keys are content hashes).</summary>
    private async Task RemoveOrphansAsync(string rawKey)
    {
        var keys = db.ChangeTracker.Entries<MailAttachment>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.StorageKey)
            .Append(rawKey).Distinct().ToList();
        db.ChangeTracker.Clear();
        foreach (var key in keys)
        {
            try
            {
                var used = await db.Messages.AnyAsync(m => m.RawStorageKey == key) || await db.Attachments.AnyAsync(a => a.StorageKey == key);
                if (!used)
                {
                    await blobs.DeleteAsync(key);
                }
            }
            catch (Exception ex)
            {
                // A blob left behind costs space, not correctness; the reply still says "try again".
                LogOrphanKept(ex, key);
            }
        }
    }

    private static SmtpReply Queued(string messageId) => new(250, "2.0.0", $"Ok: queued as <{messageId}>");

    /// <summary>The webhook's data: the message as the API lists it (<see cref="MessageSummaryView"/>), for one inbox.</summary>
    private static MessageSummaryView Summary(MailMessage message, ParsedMail parsed, Guid inboxId) => new(
        message.MessageId, message.ThreadId, inboxId, message.Direction, message.FromAddress, message.FromName, message.Subject,
        MessageViews.Snippet(message.BodyText), message.SentAt, parsed.Attachments.Count > 0, DeliveryStatus: null, Labels: []);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a message received from {Client} failed; answered 451")]
    private partial void LogAcceptFailed(Exception ex, string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the unused blob {Key}")]
    private partial void LogOrphanKept(Exception ex, string key);
}
