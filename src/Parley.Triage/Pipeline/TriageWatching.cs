using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Triage.Configuration;
using Parley.Triage.Imap;

namespace Parley.Triage.Pipeline;

/// <summary>
/// Runs every configured account: one <see cref="ImapFolderWatcher"/> per watched folder, handing mail to the
/// <see cref="TriageEmailProcessor"/>. Follows the live configuration (<see cref="IOptionsMonitor{T}.OnChange"/>): an
/// added account starts, a removed one stops, a changed one restarts, the others keep running. Stopping (shutdown,
/// pause, restart) ends watching at once and gives emails in flight <c>shutdown.timeout</c> to finish (Mailpilot's
/// <c>shutdown</c>); after that their processing is cancelled, nothing is recorded for them, and the next start hands
/// them again (the watcher advances its place only after an email is done).
/// </summary>
internal sealed class TriageWatching(
    IOptionsMonitor<TriageOptions> options,
    RunningAccounts running,
    ImapConnector connector,
    ImapFolderStates states,
    TriageEmailProcessor processor,
    PausedAccounts paused,
    TimeProvider time,
    ILoggerFactory loggers,
    Antivirus.EmailAntivirus antivirus) : IHostedService
{
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly ILogger _logger = loggers.CreateLogger<TriageWatching>();
    private IDisposable? _subscription;
    private bool _stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ApplyAsync(options.CurrentValue);
        _subscription = options.OnChange(changed => _ = ApplyAsync(changed));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await _changes.WaitAsync(CancellationToken.None);
        try
        {
            _stopping = true;
            await Task.WhenAll(running.All.Select(RemoveAsync));
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Brings the running accounts in line with <paramref name="current"/>.</summary>
    private async Task ApplyAsync(TriageOptions current)
    {
        await _changes.WaitAsync(CancellationToken.None);
        try
        {
            if (_stopping)
            {
                return;
            }
            var wanted = new Dictionary<string, TriageAccount>(StringComparer.OrdinalIgnoreCase);
            foreach (var account in current.Accounts)
            {
                try
                {
                    wanted[account.Name] = TriageAccountMapping.From(current, account);
                }
                catch (Exception e)
                {
                    // Validation refuses such a configuration at start-up; a live change is checked by the settings part.
                    _logger.LogError("Triage account {Account} cannot start: {Error}", account.Name, e.Message);
                }
            }
            foreach (var runtime in running.All)
            {
                if (!wanted.TryGetValue(runtime.Account.Name, out var account) || account.Fingerprint != runtime.Account.Fingerprint)
                {
                    await RemoveAsync(runtime);
                }
            }
            var pausedNames = wanted.Values.Any(a => running.Find(a.Name) is null) ? await paused.AllAsync() : new HashSet<string>();
            foreach (var account in wanted.Values.Where(a => running.Find(a.Name) is null))
            {
                // A paused account (persisted) starts paused, across restarts and configuration changes alike.
                var runtime = new AccountRuntime(account, new ActionConnection(account.Imap, connector)) { Paused = pausedNames.Contains(account.Name) };
                running.Set(runtime);
                StartWatching(runtime);
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    public Task<AccountRuntime?> PauseAsync(string name) => CommandAsync(name, async runtime =>
    {
        await paused.PauseAsync(runtime.Account.Name);
        runtime.Paused = true;
        await StopWatchingAsync(runtime);
    });

    public Task<AccountRuntime?> ResumeAsync(string name) => CommandAsync(name, async runtime =>
    {
        await paused.ResumeAsync(runtime.Account.Name);
        runtime.Paused = false;
        if (runtime.Watching is null)
        {
            StartWatching(runtime);
        }
    });

    /// <summary>
    /// Reconnect and "process now" both reopen the watchers: a watcher's first step on a new connection is to hand
    /// everything after its stored place, so this is also the quickest way to look for new mail at once.
    /// </summary>
    public Task<AccountRuntime?> RestartWatchingAsync(string name) => CommandAsync(name, async runtime =>
    {
        if (runtime.Paused)
        {
            return;
        }
        await StopWatchingAsync(runtime);
        StartWatching(runtime);
    });

    private async Task<AccountRuntime?> CommandAsync(string name, Func<AccountRuntime, Task> command)
    {
        await _changes.WaitAsync(CancellationToken.None);
        try
        {
            if (_stopping || running.Find(name) is not { } runtime)
            {
                return null;
            }
            await command(runtime);
            return runtime;
        }
        finally
        {
            _changes.Release();
        }
    }

    private void StartWatching(AccountRuntime runtime)
    {
        if (runtime.Paused)
        {
            return;
        }
        var stop = new CancellationTokenSource();
        var watchers = runtime.Account.Imap.WatchFolders
            .Select(folder => new ImapFolderWatcher(runtime.Account.Imap, folder, connector, states, processor, time,
                loggers.CreateLogger<ImapFolderWatcher>(), antivirus))
            .ToList();
        runtime.Watching = stop;
        runtime.Watchers = watchers;
        runtime.Running = Task.WhenAll(watchers.Select(w => Task.Run(() => w.RunAsync(stop.Token), CancellationToken.None)));
    }

    /// <summary>Stops watching; emails in flight get <c>shutdown.timeout</c> to finish, then are cancelled.</summary>
    private async Task StopWatchingAsync(AccountRuntime runtime)
    {
        if (runtime.Watching is not { } watching)
        {
            return;
        }
        await watching.CancelAsync();
        try
        {
            await runtime.Running.WaitAsync(options.CurrentValue.Shutdown.Timeout.Value, time);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Triage {Account}: emails still in flight after shutdown.timeout; cancelling them", runtime.Account.Name);
            await runtime.Processing.CancelAsync();
            await runtime.Running.ContinueWith(_ => { }, TaskScheduler.Default);
            runtime.Processing.Dispose();
            runtime.Processing = new CancellationTokenSource();
        }
        catch (Exception e)
        {
            _logger.LogWarning("Triage {Account}: watcher ended with {Error}", runtime.Account.Name, e.Message);
        }
        watching.Dispose();
        runtime.Watching = null;
    }

    private async Task RemoveAsync(AccountRuntime runtime)
    {
        await StopWatchingAsync(runtime);
        running.Remove(runtime.Account.Name);
        await runtime.DisposeAsync();
    }
}
