using System.Collections.Concurrent;

namespace Parley.Triage.Pipeline;

/// <summary>The accounts Triage is running now, by name (case-insensitive, as configuration checks names).</summary>
internal sealed class RunningAccounts
{
    private readonly ConcurrentDictionary<string, AccountRuntime> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public AccountRuntime? Find(string name) => _accounts.GetValueOrDefault(name);
    public IReadOnlyList<AccountRuntime> All => _accounts.Values.OrderBy(a => a.Account.Name, StringComparer.Ordinal).ToList();
    internal void Set(AccountRuntime runtime) => _accounts[runtime.Account.Name] = runtime;
    internal void Remove(string name) => _accounts.TryRemove(name, out _);
}
