using Microsoft.EntityFrameworkCore;
using Parley.Triage.DeadLetters;
using Parley.Triage.Storage;

namespace Parley.Triage.Pipeline;

/// <summary>What the account endpoints and the health endpoint report: live state from the running accounts, counts from storage.</summary>
internal sealed class AccountStatuses(RunningAccounts running, TriageDbContext db, Antivirus.ClamdReachability clamd)
{
    public async Task<IReadOnlyList<AccountStatusView>> AllAsync(CancellationToken cancellationToken)
    {
        var processed = await db.ProcessedMessages.AsNoTracking()
            .GroupBy(p => p.AccountName)
            .Select(g => new { Account = g.Key, Count = g.LongCount(), Last = g.Max(p => p.ProcessedAt) })
            .ToDictionaryAsync(x => x.Account, cancellationToken);
        var dead = await db.DeadLetters.AsNoTracking()
            .Where(d => d.RetryStatus == DeadLetterStatus.Pending || d.RetryStatus == DeadLetterStatus.Retrying)
            .GroupBy(d => d.AccountName)
            .Select(g => new { Account = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Account, x => x.Count, cancellationToken);
        return running.All.Select(runtime =>
        {
            var name = runtime.Account.Name;
            var watchers = runtime.Watching is null ? [] : runtime.Watchers;
            var p = processed.GetValueOrDefault(name);
            return new AccountStatusView(
                name,
                runtime.Account.Imap.WatchFolders,
                watchers.Count > 0 && watchers.All(w => w.Connected),
                watchers.FirstOrDefault(w => w.UsingIdle is not null)?.UsingIdle switch { true => "idle", false => "polling", null => "unknown" },
                runtime.Paused,
                watchers.Select(w => w.LastError).FirstOrDefault(e => e is not null) ?? runtime.LastProcessingError,
                p is null ? null : DateTimeOffset.FromUnixTimeSeconds(p.Last),
                p?.Count ?? 0,
                dead.GetValueOrDefault(name));
        }).ToList();
    }

    public async Task<AccountStatusView?> OneAsync(string name, CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    public async Task<TriageHealthView> HealthAsync(CancellationToken cancellationToken)
    {
        var accounts = await AllAsync(cancellationToken);
        var active = accounts.Where(a => !a.Paused).ToList();
        var deadLetters = await db.DeadLetters.AsNoTracking()
            .LongCountAsync(d => d.RetryStatus == DeadLetterStatus.Pending || d.RetryStatus == DeadLetterStatus.Retrying, cancellationToken);
        var antivirus = await clamd.CheckAsync(cancellationToken);
        return new TriageHealthView(
            active.All(a => a.Connected) && antivirus.Reachable != false ? "ok" : "degraded",
            accounts.Count,
            accounts.Count(a => a.Connected),
            accounts.Count(a => a.Paused),
            deadLetters,
            accounts.Max(a => a.LastProcessedAt),
            antivirus);
    }
}
