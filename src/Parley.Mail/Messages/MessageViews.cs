using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Mail.Api;
using Parley.Mail.Delivery;
using Parley.Mail.Storage;

namespace Parley.Mail.Messages;

internal sealed record MessageSummaryView(
    string MessageId, Guid ThreadId, Guid InboxId, string Direction, string FromAddress, string? FromName, string Subject,
    string Snippet, DateTime SentAt, bool HasAttachments, string? DeliveryStatus, IReadOnlyList<string>? Labels = null);

internal sealed record AddressView(string Address, string? Name);

internal sealed record AttachmentView(Guid Id, string Filename, string ContentType, long SizeBytes);

internal sealed record AuthenticationView(string? Spf, string? Dkim, string? Dmarc);

internal sealed record DeliveryEventView(string Status, JsonElement Details, DateTime CreatedAt);

internal sealed record DeliveryView(string Status, IReadOnlyList<DeliveryEventView> Events);

internal sealed record MessageView(
    string MessageId, Guid ThreadId, Guid InboxId, string Direction, string FromAddress, string? FromName,
    IReadOnlyList<AddressView> To, IReadOnlyList<AddressView> Cc, IReadOnlyList<AddressView> Bcc,
    string Subject, DateTime SentAt, string? InReplyTo, IReadOnlyList<string> References, string? BodyText, string? BodyHtml,
    IReadOnlyList<AttachmentView> Attachments, AuthenticationView? Authentication, DeliveryView? Delivery, DateTime CreatedAt,
    IReadOnlyList<string> Labels);

/// <summary>
/// Which messages a caller sees (those of live threads, and for a JWT bound to inboxes only those linked to
/// one of them) and how they are shown: summaries in batches, one message in full.
/// </summary>
internal static class MessageViews
{
    public const int SnippetLength = 200;

    public static IQueryable<MailMessage> Visible(MailDbContext db, MailCaller caller)
    {
        var messages = from m in db.Messages
                       join t in db.Threads on m.ThreadId equals t.Id
                       where t.DeletedAt == null
                       select m;
        if (caller.BoundInboxes is { } bound)
        {
            var ids = bound.ToList();
            messages = messages.Where(m => db.MessageInboxes.Any(l => l.MessageId == m.MessageId && ids.Contains(l.InboxId)));
        }
        return messages;
    }

    public static async Task<List<MessageSummaryView>> SummariesAsync(MailDbContext db, IReadOnlyList<MailMessage> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Select(m => m.MessageId).ToList();
        var withAttachments = (await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.MessageId)).Select(a => a.MessageId).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var statuses = await LatestStatusesAsync(db, ids, cancellationToken);
        var labels = await MessageLabels.OfAsync(db, ids, cancellationToken);
        return messages.Select(m => new MessageSummaryView(
            m.MessageId, m.ThreadId, m.InboxId, m.Direction, m.FromAddress, m.FromName, m.Subject, Snippet(m.BodyText), m.SentAt,
            withAttachments.Contains(m.MessageId),
            m.Direction == MailDirections.Outbound ? statuses.GetValueOrDefault(m.MessageId) : null,
            labels.GetValueOrDefault(m.MessageId) ?? [])).ToList();
    }

    public static async Task<MessageView> FullAsync(MailDbContext db, MailMessage m, CancellationToken cancellationToken)
    {
        var recipients = await db.MessageRecipients.AsNoTracking().Where(r => r.MessageId == m.MessageId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var references = await db.MessageReferences.AsNoTracking().Where(r => r.MessageId == m.MessageId).OrderBy(r => r.Position).Select(r => r.ReferencedId).ToListAsync(cancellationToken);
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.MessageId == m.MessageId).OrderBy(a => a.Id)
            .Select(a => new AttachmentView(a.Id, a.Filename, a.ContentType, a.SizeBytes)).ToListAsync(cancellationToken);
        DeliveryView? delivery = null;
        if (m.Direction == MailDirections.Outbound)
        {
            var events = await db.DeliveryEvents.AsNoTracking().Where(e => e.MessageId == m.MessageId).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            delivery = events.Count == 0
                ? null
                : new DeliveryView(events[^1].Status, events.Select(e => new DeliveryEventView(e.Status, Json(e.Details), e.CreatedAt)).ToList());
        }
        List<AddressView> Of(string type) => recipients.Where(r => r.RecipientType == type).Select(r => new AddressView(r.Address, r.Name)).ToList();
        return new MessageView(
            m.MessageId, m.ThreadId, m.InboxId, m.Direction, m.FromAddress, m.FromName,
            Of(RecipientTypes.To), Of(RecipientTypes.Cc), Of(RecipientTypes.Bcc),
            m.Subject, m.SentAt, m.InReplyTo, references, m.BodyText, m.BodyHtml, attachments,
            m.Direction == MailDirections.Inbound ? Authentication(m.Metadata) : null, delivery, m.CreatedAt,
            (await MessageLabels.OfAsync(db, [m.MessageId], cancellationToken)).GetValueOrDefault(m.MessageId) ?? []);
    }

    /// <summary>The messages of <paramref name="messages"/> that carry <paramref name="label"/>.</summary>
    public static IQueryable<MailMessage> Labeled(MailDbContext db, IQueryable<MailMessage> messages, string label) =>
        messages.Where(m => db.MessageLabels.Any(l => l.MessageId == m.MessageId && l.Label == label));

    public static string Snippet(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= SnippetLength ? collapsed : collapsed[..SnippetLength];
    }

    private static async Task<Dictionary<string, string>> LatestStatusesAsync(MailDbContext db, List<string> ids, CancellationToken cancellationToken)
    {
        var events = await db.DeliveryEvents.AsNoTracking().Where(e => ids.Contains(e.MessageId))
            .Select(e => new { e.MessageId, e.Status, e.CreatedAt, e.Id }).ToListAsync(cancellationToken);
        return events.GroupBy(e => e.MessageId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Last().Status, StringComparer.Ordinal);
    }

    /// <summary>The inbound part stores <c>{"authentication": {"spf", "dkim", "dmarc"}}</c> (or the three at the top) in the metadata.</summary>
    private static AuthenticationView? Authentication(string metadata)
    {
        var json = Json(metadata);
        if (json.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var holder = json.TryGetProperty("authentication", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : json;
        string? Word(string name) => holder.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var (spf, dkim, dmarc) = (Word("spf"), Word("dkim"), Word("dmarc"));
        return spf is null && dkim is null && dmarc is null ? null : new AuthenticationView(spf, dkim, dmarc);
    }

    private static JsonElement Json(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var empty = JsonDocument.Parse("{}");
            return empty.RootElement.Clone();
        }
    }
}
