using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports;

/// <summary>The registered transports, found by a ticket's <see cref="Ticket.Transport"/>.</summary>
internal sealed class MemberTransports(IEnumerable<IMemberTransport> transports)
{
    private readonly IReadOnlyList<IMemberTransport> _all = transports.ToList();

    public IMemberTransport? Find(string name) => _all.FirstOrDefault(t => t.Name == name);

    public static TicketRef RefOf(Ticket ticket) => new(ticket.Id, ticket.DeskId, ticket.UserId, ticket.UserName, ticket.MemberConversationId);
}
