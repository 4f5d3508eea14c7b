using System.Collections.Concurrent;

namespace Parley.Modmail.Tickets;

/// <summary>
/// One writer at a time per member of a desk (opening a ticket, relaying in order) and per ticket (numbering replies,
/// closing), on this node. The database's unique indexes (one open ticket per member, one number per ticket) are the
/// backstop across nodes; the lock keeps two quick messages on one node from racing into them at all.
/// </summary>
internal sealed class TicketLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> HoldAsync(string key, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    public static string Member(Guid deskId, string transport, string memberId) => $"member:{deskId:N}:{transport}:{memberId}";

    public static string Ticket(Guid ticketId) => $"ticket:{ticketId:N}";

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
