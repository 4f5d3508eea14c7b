using System.Text.Json;
using Parley.Modmail.Transports;

namespace Parley.Modmail.Tickets;

/// <summary>Between <see cref="TicketMessage"/>'s stored form and its views: the attachments JSON and <see cref="TicketMessageView"/>.</summary>
internal static class TicketMessageViews
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static TicketMessageView From(TicketMessage m) => new(
        m.Id, m.ThreadId, m.Kind, m.UserId, m.UserName, m.AuthorRole, m.IsAnonymous, m.MessageNumber,
        m.DeletedAt is null ? m.Content : null, AttachmentsOf(m), m.CreatedAt, m.EditedAt, m.DeletedAt);

    /// <summary>The <c>attachments</c> column for these files; null when there are none.</summary>
    public static string? AttachmentsJson(IReadOnlyList<TicketAttachment> attachments) =>
        attachments.Count == 0
            ? null
            : JsonSerializer.Serialize(attachments.Select(a => new TicketAttachmentView(a.BlobKey, a.FileName, a.ContentType, a.Size)), Json);

    public static IReadOnlyList<TicketAttachmentView> AttachmentsOf(TicketMessage m)
    {
        if (string.IsNullOrEmpty(m.Attachments))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<TicketAttachmentView>>(m.Attachments, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static IReadOnlyList<TicketAttachment> TransportAttachmentsOf(TicketMessage m) =>
        AttachmentsOf(m).Select(a => new TicketAttachment(a.BlobKey, a.FileName, a.ContentType, a.Size)).ToList();
}
