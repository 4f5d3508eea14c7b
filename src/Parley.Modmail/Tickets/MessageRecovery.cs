using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Parley.Modmail.Storage;
using Parley.Modmail.Transports;

namespace Parley.Modmail.Tickets;

/// <summary>What a recovery run did: tickets looked at, member messages relayed, tickets whose transport failed.</summary>
internal sealed record RecoveryReport(int Tickets, int Recovered, int Failed);

/// <summary>
/// <c>recover</c> (and on start-up, <see cref="RecoveryOnStart"/>): relays member messages that arrived while Parley
/// was down or a transport was disconnected. For each open ticket it asks the ticket's transport for the member's
/// messages after the last one recorded (<see cref="IMemberTransport.MissedSinceAsync"/>) and hands each to
/// <see cref="MemberMessages"/>, which relays it once — a message seen before is a duplicate and is not counted. One
/// ticket's failure does not stop the others.
/// </summary>
internal sealed class MessageRecovery(
    ModmailDbContext db, IEnumerable<IMemberTransport> transports, MemberMessages members, ILogger<MessageRecovery> logger)
{
    public async Task<RecoveryReport> RunAsync(Guid? deskId, CancellationToken cancellationToken)
    {
        var byName = transports.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.Status == TicketStatus.Open && (deskId == null || t.DeskId == deskId))
            .OrderBy(t => t.CreatedAt)
            .ToListAsync(cancellationToken);
        int looked = 0, recovered = 0, failed = 0;
        foreach (var ticket in tickets)
        {
            if (!byName.TryGetValue(ticket.Transport, out var transport))
            {
                continue;
            }
            looked++;
            try
            {
                recovered += await RecoverAsync(ticket, transport, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed++;
                logger.LogWarning(e, "Recovering ticket {TicketId} over {Transport} failed", ticket.Id, ticket.Transport);
            }
        }
        return new RecoveryReport(looked, recovered, failed);
    }

    private async Task<int> RecoverAsync(Ticket ticket, IMemberTransport transport, CancellationToken cancellationToken)
    {
        var last = await db.TicketMessages.AsNoTracking()
            .Where(m => m.ThreadId == ticket.Id && m.Kind == TicketMessageKinds.Member)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new { m.DmMessageId, m.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        var reference = new TicketRef(ticket.Id, ticket.DeskId, ticket.UserId, ticket.UserName, ticket.MemberConversationId);
        var missed = await transport.MissedSinceAsync(reference, last?.DmMessageId, last?.CreatedAt ?? ticket.CreatedAt, cancellationToken);
        var count = 0;
        foreach (var message in missed.OrderBy(m => m.SentAt))
        {
            var outcome = await members.ReceiveAsync(message, cancellationToken);
            if (outcome.Result is MemberMessageResult.Relayed or MemberMessageResult.Opened)
            {
                count++;
            }
        }
        return count;
    }
}
