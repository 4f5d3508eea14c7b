using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Triage.Storage;

namespace Parley.Triage.Imap;

/// <summary>Reads and writes <see cref="ImapFolderState"/> rows, one short scope per call (watchers live for hours).</summary>
public sealed class ImapFolderStates(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<ImapFolderState?> FindAsync(string account, string folder, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        return await db.ImapFolderStates.AsNoTracking()
            .SingleOrDefaultAsync(s => s.AccountName == account && s.Folder == folder, cancellationToken);
    }

    /// <summary>Records the folder's UIDVALIDITY and last handed UID (creating the row on first use).</summary>
    public async Task SaveAsync(string account, string folder, uint uidValidity, uint lastUid, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var now = time.GetUtcNow();
        // One UPDATE statement (no read first): the watcher saves its place after every message.
        var updated = await db.ImapFolderStates
            .Where(s => s.AccountName == account && s.Folder == folder)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.UidValidity, (long)uidValidity)
                .SetProperty(s => s.LastUid, (long)lastUid)
                .SetProperty(s => s.UpdatedAt, now), cancellationToken);
        if (updated == 0)
        {
            db.ImapFolderStates.Add(new ImapFolderState
            {
                AccountName = account, Folder = folder, UidValidity = uidValidity, LastUid = lastUid, UpdatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
