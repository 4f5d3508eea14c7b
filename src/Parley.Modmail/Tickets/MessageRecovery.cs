using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Parley.Modmail.Storage;
using Parley.Modmail.Transports;

namespace Parley.Modmail.Tickets;

/// <summary>What a recovery run did: (desk, transport) pairs looked at, member messages recorded, pairs that failed.</summary>
internal sealed record RecoveryReport(int Checked, int Recovered, int Failed);

/// <summary>
/// <c>recover</c> (and on start-up, <see cref="RecoveryOnStart"/>): relays member messages their medium stored but
/// Modmail never handled — a crash or a failing handler between the medium's commit and the engine. For each desk, each
/// registered transport's <see cref="ITransportRecovery"/> reads past its cursor (bounded work, not all history) and
/// hands what it finds to <see cref="MemberMessages"/>, which relays a message once. One failure does not stop the rest.
/// </summary>
internal sealed class MessageRecovery(
    ModmailDbContext db, MemberTransports transports, IEnumerable<ITransportRecovery> recoveries, ILogger<MessageRecovery> logger)
{
    public async Task<RecoveryReport> RunAsync(Guid? deskId, CancellationToken cancellationToken)
    {
        var desks = await db.Desks.AsNoTracking().Where(d => deskId == null || d.Id == deskId).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        var usable = recoveries.Where(r => transports.Find(r.Name) is not null).ToList();
        int looked = 0, recovered = 0, failed = 0;
        foreach (var desk in desks)
        {
            foreach (var recovery in usable)
            {
                looked++;
                try
                {
                    recovered += await recovery.RecoverAsync(desk, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failed++;
                    logger.LogWarning(e, "Recovering desk {DeskId} over {Transport} failed", desk.Id, recovery.Name);
                }
            }
        }
        return new RecoveryReport(looked, recovered, failed);
    }
}
