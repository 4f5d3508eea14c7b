using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Triage.Storage;

namespace Parley.Triage.Pipeline;

/// <summary>
/// The accounts an operator paused, kept in <c>paused_accounts</c> so a restart or a configuration change that restarts
/// an account leaves it paused. Names compare case-insensitively, as account names are unique that way.
/// </summary>
internal sealed class PausedAccounts(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<IReadOnlySet<string>> AllAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var names = await db.PausedAccounts.AsNoTracking().Select(p => p.AccountName).ToListAsync();
        return names.ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public async Task PauseAsync(string name)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        if (await IsStoredAsync(db, name))
        {
            return;
        }
        db.PausedAccounts.Add(new PausedAccount { AccountName = name, PausedAt = time.GetUtcNow().ToUnixTimeSeconds() });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // another instance paused it at the same moment: the same fact
            if (!await IsStoredAsync(db, name))
            {
                throw;
            }
        }
    }

    public async Task ResumeAsync(string name)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var lower = name.ToLowerInvariant();
        await db.PausedAccounts.Where(p => p.AccountName.ToLower() == lower).ExecuteDeleteAsync();
    }

    private static Task<bool> IsStoredAsync(TriageDbContext db, string name)
    {
        var lower = name.ToLowerInvariant();
        return db.PausedAccounts.AsNoTracking().AnyAsync(p => p.AccountName.ToLower() == lower);
    }
}
