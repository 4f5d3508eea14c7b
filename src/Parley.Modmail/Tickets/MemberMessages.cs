using Parley.Modmail.Transports;

namespace Parley.Modmail.Tickets;

/// <summary>
/// A member's message arriving through a transport: opens a ticket when the member has none open at the desk
/// (welcome message, optional category choice), relays it into the ticket channel, cancels a scheduled close,
/// fires staff alerts. A blocked member gets a notice and nothing is relayed. Idempotent on
/// (<paramref name="MemberMessageId"/>, transport): a message seen before (recover after a restart) is not relayed twice.
/// SEAM — owner: ENGINE.
/// </summary>
/// <param name="MemberId">threads.user_id: the Chat user id, the lower-case sender address.</param>
/// <param name="MemberConversationId">The DM channel, the Mail thread id.</param>
/// <param name="MemberMessageId">The message's id on the member's side (dm_message_id).</param>
internal sealed record IncomingMemberMessage(
    Guid DeskId,
    string Transport,
    string MemberId,
    string MemberName,
    string? MemberConversationId,
    string MemberMessageId,
    string Content,
    IReadOnlyList<TicketAttachment> Attachments,
    DateTime SentAt);

/// <summary>What became of a member's message.</summary>
internal enum MemberMessageResult
{
    /// <summary>Relayed into the ticket that was already open.</summary>
    Relayed,

    /// <summary>Opened a new ticket and relayed.</summary>
    Opened,

    /// <summary>The member is blocked: refused with a notice.</summary>
    Blocked,

    /// <summary>Seen before (same member-side id): nothing done.</summary>
    Duplicate,

    /// <summary>Waiting for the member to choose a category.</summary>
    AwaitingCategory,
}

internal sealed record MemberMessageOutcome(MemberMessageResult Result, Guid? TicketId);

internal sealed class MemberMessages
{
    public Task<MemberMessageOutcome> ReceiveAsync(IncomingMemberMessage message, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ENGINE");
}
