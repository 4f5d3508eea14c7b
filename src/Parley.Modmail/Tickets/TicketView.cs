namespace Parley.Modmail.Tickets;

/// <summary>A ticket as the API, the panel and the webhook events (<c>ticket.*</c>) show it.</summary>
public sealed record TicketView(
    Guid Id,
    Guid DeskId,
    string Transport,
    string UserId,
    string UserName,
    string? ChannelId,
    string Status,
    bool UserLeft,
    string? CategoryId,
    string? CategoryName,
    string? AssignedTo,
    bool AwaitingStaff,
    int NextMessageNumber,
    DateTime CreatedAt,
    DateTime? FirstResponseAt,
    DateTime? ClosedAt,
    string? ClosedBy)
{
    internal static TicketView From(Ticket t) => new(
        t.Id, t.DeskId, t.Transport, t.UserId, t.UserName, t.ChannelId, t.Status == TicketStatus.Open ? "open" : "closed", t.UserLeft,
        t.CategoryId, t.CategoryName, t.AssignedTo, t.AwaitingStaff, t.NextMessageNumber, t.CreatedAt, t.FirstResponseAt, t.ClosedAt, t.ClosedBy);
}

/// <summary>A ticket message as the API, the transcript and <c>ticket.message</c> show it; <see cref="Content"/> is null once deleted.</summary>
public sealed record TicketMessageView(
    long Id,
    Guid TicketId,
    string Kind,
    string UserId,
    string UserName,
    string? AuthorRole,
    bool IsAnonymous,
    int? MessageNumber,
    string? Content,
    IReadOnlyList<TicketAttachmentView> Attachments,
    DateTime CreatedAt,
    DateTime? EditedAt,
    DateTime? DeletedAt);

public sealed record TicketAttachmentView(string BlobKey, string FileName, string ContentType, long Size);
