using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Tickets;

/// <summary>A ticket and its messages in order: the panel's ticket view and the exports.</summary>
internal sealed record TicketTranscript(TicketView Ticket, IReadOnlyList<TicketMessageView> Messages, bool Truncated);

/// <summary>Reads a ticket's <c>thread_messages</c> as <see cref="TicketMessageView"/>s (deleted messages keep their place, without content).</summary>
internal sealed class Transcripts(ModmailDbContext db)
{
    public async Task<TicketTranscript> ReadAsync(Ticket ticket, int maxMessages, CancellationToken cancellationToken)
    {
        var rows = await db.TicketMessages.AsNoTracking()
            .Where(m => m.ThreadId == ticket.Id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Take(maxMessages + 1)
            .ToListAsync(cancellationToken);
        var truncated = rows.Count > maxMessages;
        return new TicketTranscript(TicketView.From(ticket), rows.Take(maxMessages).Select(View).ToList(), truncated);
    }

    public static TicketMessageView View(TicketMessage m) => new(
        m.Id, m.ThreadId, m.Kind, m.UserId, m.UserName, m.AuthorRole, m.IsAnonymous, m.MessageNumber,
        m.DeletedAt is null ? m.Content : null, Attachments(m.Attachments), m.CreatedAt, m.EditedAt, m.DeletedAt);

    private sealed record StoredAttachment(string? BlobKey, string? FileName, string? ContentType, long Size);

    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static IReadOnlyList<TicketAttachmentView> Attachments(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            return (JsonSerializer.Deserialize<List<StoredAttachment>>(json, Snake) ?? [])
                .Where(a => a.BlobKey is not null)
                .Select(a => new TicketAttachmentView(a.BlobKey!, a.FileName ?? "file", a.ContentType ?? "application/octet-stream", a.Size))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
