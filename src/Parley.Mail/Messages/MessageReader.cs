using Microsoft.EntityFrameworkCore;
using MimeKit;
using Parley.Core.Blobs;
using Parley.Mail.Storage;

namespace Parley.Mail.Messages;

/// <summary>A file of a stored message; its decoded bytes are in Core's blob store under <see cref="BlobKey"/>.</summary>
public sealed record StoredAttachment(string BlobKey, string FileName, string ContentType, long Size, bool Inline);

/// <summary>
/// A stored email as other modules read it. Message-IDs are without angle brackets. <see cref="Headers"/> are the
/// top-level header fields of the raw message (name and unfolded value, in order), for what the columns do not keep
/// (<c>Auto-Submitted</c>, <c>Precedence</c>, <c>Content-Type</c>, a module's own <c>X-</c> headers).
/// </summary>
/// <param name="Outbound">Parley sent it (the send API, SMTP submission, a module's mail).</param>
/// <param name="EnvelopeFrom">The SMTP MAIL FROM of received mail: empty for the null path <c>&lt;&gt;</c> (bounces), null when not known.</param>
/// <param name="InboxIds">Every inbox the message belongs to.</param>
/// <param name="References">The References header, oldest first.</param>
/// <param name="RawSize">The raw MIME's size in bytes (0 where not known).</param>
public sealed record StoredEmail(
    string MessageId,
    Guid ThreadId,
    string ThreadSubject,
    IReadOnlyList<Guid> InboxIds,
    bool Outbound,
    MailAddress From,
    string Subject,
    DateTime SentAt,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string? TextBody,
    string? HtmlBody,
    IReadOnlyList<StoredAttachment> Attachments,
    string? EnvelopeFrom,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    long RawSize = 0);

/// <summary>
/// Mail's public reading of stored messages for other modules (Modmail turns support-inbox mail into ticket messages).
/// Read-only. A message of a deleted thread is not found, as through the API.
/// </summary>
public sealed class MessageReader(MailDbContext db, IBlobStore blobs)
{
    public async Task<StoredEmail?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        var row = await (from message in db.Messages.AsNoTracking()
                         join thread in db.Threads.AsNoTracking() on message.ThreadId equals thread.Id
                         where message.MessageId == messageId && thread.DeletedAt == null
                         select new { Message = message, ThreadSubject = thread.Subject })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var m = row.Message;
        var inboxes = await db.MessageInboxes.AsNoTracking().Where(l => l.MessageId == messageId).Select(l => l.InboxId).ToListAsync(cancellationToken);
        var references = await db.MessageReferences.AsNoTracking().Where(r => r.MessageId == messageId)
            .OrderBy(r => r.Position).Select(r => r.ReferencedId).ToListAsync(cancellationToken);
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.MessageId == messageId).OrderBy(a => a.Id)
            .Select(a => new StoredAttachment(a.StorageKey, a.Filename, a.ContentType, a.SizeBytes, a.ContentId != null))
            .ToListAsync(cancellationToken);
        return new StoredEmail(
            m.MessageId, m.ThreadId, row.ThreadSubject, inboxes.Count > 0 ? inboxes : [m.InboxId],
            m.Direction == MailDirections.Outbound, new MailAddress(m.FromAddress, m.FromName), m.Subject, m.SentAt,
            m.InReplyTo, references, m.BodyText, m.BodyHtml, attachments, EnvelopeFrom(m.Metadata),
            await HeadersAsync(m.RawStorageKey, cancellationToken), m.RawSizeBytes);
    }

    /// <summary>
    /// The message as received, parsed whole (parts, attachments, inline images), or null when it (or its raw blob) is
    /// gone. For a reader that needs what the stored fields leave out — Triage's attachment text and images.
    /// </summary>
    public async Task<MimeMessage?> LoadMimeAsync(string messageId, CancellationToken cancellationToken)
    {
        var rawKey = await db.Messages.AsNoTracking().Where(m => m.MessageId == messageId).Select(m => m.RawStorageKey).FirstOrDefaultAsync(cancellationToken);
        if (rawKey is null)
        {
            return null;
        }
        await using var raw = await blobs.OpenReadAsync(rawKey, cancellationToken);
        return raw is null ? null : await MimeMessage.LoadAsync(raw, cancellationToken);
    }

    private async Task<IReadOnlyList<KeyValuePair<string, string>>> HeadersAsync(string rawKey, CancellationToken cancellationToken)
    {
        await using var raw = await blobs.OpenReadAsync(rawKey, cancellationToken);
        if (raw is null)
        {
            return [];
        }
        // Only the header block is parsed; the body stays in the blob.
        var parser = new MimeParser(raw, MimeFormat.Entity);
        var headers = await parser.ParseHeadersAsync(cancellationToken);
        return headers.Select(h => new KeyValuePair<string, string>(h.Field, h.Value.Trim())).ToList();
    }

    private static string? EnvelopeFrom(string metadata)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(metadata);
            return json.RootElement.TryGetProperty("envelope", out var envelope)
                   && envelope.ValueKind == System.Text.Json.JsonValueKind.Object
                   && envelope.TryGetProperty("mail_from", out var from)
                ? from.ValueKind == System.Text.Json.JsonValueKind.String ? from.GetString() : ""
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
