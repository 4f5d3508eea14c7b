using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports;

/// <summary>
/// How a ticket's member is reached: Chat (a DM with the desk's bot), Email (a support inbox's thread), and later
/// Discord. Staff always work in the ticket channel and the panel; only the member's side differs. A transport
/// turns what the ticket engine says to the member into its own medium and answers with the member-side id
/// (<c>thread_messages.dm_message_id</c>), so edits and withdrawals can find the copy later.
/// Messages from members come the other way: the transport's event handler calls the engine, and its
/// <see cref="ITransportRecovery"/> finds those the handler missed.
/// </summary>
internal interface IMemberTransport
{
    /// <summary><see cref="Tickets.TransportNames"/>.</summary>
    string Name { get; }

    /// <summary>Relays a staff reply or a notice to the member; returns the member-side message id.</summary>
    Task<string?> DeliverAsync(MemberDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Changes an earlier delivery (<c>edit</c>). A medium that cannot edit (email) sends a correction.</summary>
    Task EditAsync(MemberDelivery delivery, string memberMessageId, CancellationToken cancellationToken);

    /// <summary>Withdraws an earlier delivery (<c>delete</c>). A medium that cannot (email) sends nothing and says so by returning false.</summary>
    Task<bool> WithdrawAsync(TicketRef ticket, string memberMessageId, CancellationToken cancellationToken);
}

/// <summary>What the engine knows of a ticket when it talks to a transport.</summary>
/// <param name="MemberId">threads.user_id</param>
/// <param name="MemberConversationId">threads.member_conversation_id: the DM channel, the Mail thread.</param>
internal sealed record TicketRef(Guid TicketId, Guid DeskId, string MemberId, string MemberName, string? MemberConversationId);

/// <summary>
/// One message for the member: <paramref name="AuthorName"/>/<paramref name="AuthorRole"/> null for anonymous replies
/// and notices (the transport signs those with the desk's or inbox's name); <paramref name="MessageNumber"/> shown in
/// the footer of numbered replies.
/// </summary>
internal sealed record MemberDelivery(
    TicketRef Ticket,
    string Content,
    string? AuthorName,
    string? AuthorRole,
    int? MessageNumber,
    IReadOnlyList<TicketAttachment> Attachments,
    MemberDeliveryKind Kind);

internal enum MemberDeliveryKind
{
    /// <summary>A staff reply, named or anonymous.</summary>
    Reply,

    /// <summary>The welcome message or the confirmation that a ticket opened.</summary>
    Welcome,

    /// <summary>The closing message.</summary>
    Closing,

    /// <summary>Anything else the bot says (e.g. "you are blocked").</summary>
    Notice,
}

/// <summary>A file attached to a ticket message, in Core's blob store.</summary>
internal sealed record TicketAttachment(string BlobKey, string FileName, string ContentType, long Size);
