using Microsoft.EntityFrameworkCore;
using MimeKit;
using Parley.Mail.Messages;
using Parley.Mail.Storage;
using Parley.Mail.Suppression;

namespace Parley.Mail.Outbound;

/// <summary>A file to attach to <see cref="OutgoingEmail"/>, its bytes read already.</summary>
public sealed record OutgoingAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// An email another module sends from one of Parley's inboxes. <paramref name="FromName"/> replaces the inbox's display
/// name; <paramref name="InReplyTo"/> must be a stored message (its References are carried on, so the reply lands in its
/// thread); <paramref name="Headers"/> are extra header fields (<c>X-…</c>, <c>Auto-Submitted</c>).
/// </summary>
public sealed record OutgoingEmail(
    Guid InboxId,
    string? FromName,
    MailAddress To,
    string Subject,
    string Text,
    string? InReplyTo,
    IReadOnlyList<OutgoingAttachment> Attachments,
    IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>What became of an <see cref="OutgoingEmail"/>: sent (queued for delivery) with its Message-ID, or refused and why.</summary>
public sealed record SendOutcome(string? MessageId, Guid? ThreadId, string? Refusal)
{
    public bool Sent => MessageId is not null;
}

/// <summary>
/// Mail's public way for other modules to send an email (Modmail's replies to email tickets): the same path as
/// <c>POST /api/mail/send</c> — built by <see cref="MessageComposer"/>, signed, stored, threaded and queued by
/// <see cref="OutboundQueue"/>, suppressed recipients refused before anything is stored.
/// </summary>
public sealed class MailSender
{
    private readonly MailDbContext _db;
    private readonly OutboundQueue _queue;
    private readonly SuppressionList _suppressions;
    private readonly TimeProvider _clock;

    // OutboundQueue is internal; this public class takes it through an internal constructor (DI: see MailModule).
    internal MailSender(MailDbContext db, OutboundQueue queue, SuppressionList suppressions, TimeProvider clock)
    {
        _db = db;
        _queue = queue;
        _suppressions = suppressions;
        _clock = clock;
    }

    public async Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var to = SendRequestCheck.Parse(email.To.Address);
        if (to is null)
        {
            return Refused($"'{email.To.Address}' is not an email address");
        }
        to.Name = email.To.Name ?? "";
        if (string.IsNullOrWhiteSpace(email.Subject) || email.Subject.Any(c => c is '\r' or '\n' or '\0'))
        {
            return Refused("the subject must be one line");
        }
        var inbox = await _db.Inboxes.FirstOrDefaultAsync(i => i.Id == email.InboxId && i.DeletedAt == null, cancellationToken);
        if (inbox is null)
        {
            return Refused("no such inbox");
        }
        var domain = await _db.Domains.FirstOrDefaultAsync(d => d.Id == inbox.DomainId, cancellationToken);
        if (domain is null || domain.DeletedAt is not null)
        {
            return Refused("the inbox's domain is deleted");
        }
        if ((await _suppressions.SuppressedAmongAsync(_db, [to.Address], cancellationToken)).Count > 0)
        {
            return Refused($"{to.Address} is suppressed (a bounce, a complaint or by hand)");
        }
        ReplyParent? parent = null;
        if (email.InReplyTo is { } parentId)
        {
            if (!await _db.Messages.AnyAsync(m => m.MessageId == parentId, cancellationToken))
            {
                return Refused("the message replied to is not stored");
            }
            var references = await _db.MessageReferences.AsNoTracking().Where(r => r.MessageId == parentId)
                .OrderBy(r => r.Position).Select(r => r.ReferencedId).ToListAsync(cancellationToken);
            parent = new ReplyParent(parentId, references);
        }
        var attachments = email.Attachments
            .Select(a => new DraftAttachment(a.FileName, ContentType.TryParse(a.ContentType, out var type) ? type : new ContentType("application", "octet-stream"), a.Content))
            .ToList();
        var message = MessageComposer.Compose(inbox, domain, [to], [], email.Subject, email.Text, null, attachments, parent, _clock.GetUtcNow());
        if (email.FromName is not null)
        {
            message.From.Mailboxes.Single().Name = email.FromName;
        }
        foreach (var (field, value) in email.Headers)
        {
            message.Headers.Add(field, value);
        }
        var draft = new OutboundDraft(message, inbox, domain, [to.Address], [], null, "module");
        try
        {
            var (stored, threadId) = await _queue.QueueAsync(_db, draft, cancellationToken);
            return new SendOutcome(stored.MessageId, threadId, null);
        }
        catch (MessageTooLargeException ex)
        {
            _db.ChangeTracker.Clear();
            return Refused($"the message would be larger than the {ex.Limit} bytes Parley sends");
        }
    }

    private static SendOutcome Refused(string why) => new(null, null, why);
}
