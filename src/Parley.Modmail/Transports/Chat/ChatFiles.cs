using Parley.Chat.Bots;

namespace Parley.Modmail.Transports.Chat;

/// <summary>A Chat message's files as the ticket records them (a file Chat stored without a type is octet-stream).</summary>
internal static class ChatFiles
{
    public static List<TicketAttachment> TicketAttachments(this ChatMessageInfo message) =>
        message.Attachments.Select(a => new TicketAttachment(a.BlobKey, a.FileName, a.ContentType ?? "application/octet-stream", a.Size)).ToList();
}
