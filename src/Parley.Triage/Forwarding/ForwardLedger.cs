using Microsoft.EntityFrameworkCore;
using Parley.Triage.Storage;

namespace Parley.Triage.Forwarding;

/// <summary>
/// <c>forwarded_messages</c>: has this email already been forwarded to this address for this account, and the record
/// that it has, written right after a send. Shared by IMAP accounts (<see cref="EmailForwarder"/>) and Parley's inboxes.
/// </summary>
internal sealed class ForwardLedger(TriageDbContext db, TimeProvider time)
{
    public Task<bool> SentAsync(string account, string messageId, string to, CancellationToken cancellationToken) =>
        db.ForwardedMessages.AsNoTracking().AnyAsync(f => f.AccountName == account && f.MessageId == messageId && f.ForwardTo == to, cancellationToken);

    /// <summary>Not cancellable: the forward is out, and forgetting it would send it again.</summary>
    public async Task RecordAsync(string account, string messageId, string to)
    {
        var row = new ForwardedMessage { AccountName = account, MessageId = messageId, ForwardTo = to, ForwardedAt = time.GetUtcNow().ToUnixTimeSeconds() };
        db.ForwardedMessages.Add(row);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            // recorded by a run racing this one: the same fact
            db.Entry(row).State = EntityState.Detached;
            if (!await SentAsync(account, messageId, to, CancellationToken.None))
            {
                throw;
            }
        }
    }
}
