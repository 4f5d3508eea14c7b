using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Core.Events;
using Parley.Triage.Configuration;
using Parley.Triage.Pipeline;

namespace Parley.Triage.Notifications;

/// <summary>
/// Looks at every running account's watchers each <see cref="Tick"/> (the dashboard's "connected": every watched
/// folder's connection open). An account down for <c>notifications.connection_lost_after</c> (read each time: live)
/// publishes <see cref="AccountConnectionChanged"/> lost, once per outage; when it is connected again, restored. A
/// reconnect within the grace is no outage. A paused account, or one being restarted, is not watched: its outage is
/// forgotten silently. Outages are this process's memory: a restart during one reports it again after the grace.
/// </summary>
internal sealed class ConnectionOutageMonitor(RunningAccounts running, EventBus bus, IOptionsMonitor<TriageOptions> options, TimeProvider time)
    : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    // Written by the monitor's loop only; concurrent so a test (or a status view) may read it.
    private readonly ConcurrentDictionary<string, Outage> _outages = new(StringComparer.Ordinal);

    /// <summary>When the account's current outage began, as the last look saw it; null while it is connected (or not watched).</summary>
    internal DateTimeOffset? DownSince(string account) => _outages.TryGetValue(account, out var outage) ? outage.Since : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grace = options.CurrentValue.Notifications.ConnectionLostAfter.Value;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var runtime in running.All)
        {
            var name = runtime.Account.Name;
            present.Add(name);
            var watchers = runtime.Watchers;
            if (runtime.Paused || runtime.Watching is null || watchers.Count == 0)
            {
                _outages.TryRemove(name, out _);
                continue;
            }
            if (watchers.All(w => w.Connected))
            {
                if (_outages.TryRemove(name, out var ended) && ended.Reported)
                {
                    await bus.PublishAsync(new AccountConnectionChanged(name, Lost: false, ended.Since, now, null), cancellationToken);
                }
                continue;
            }
            if (!_outages.TryGetValue(name, out var outage))
            {
                _outages[name] = outage = new Outage(now);
            }
            if (!outage.Reported && now - outage.Since >= grace)
            {
                outage.Reported = true;
                var error = watchers.Select(w => w.LastError).FirstOrDefault(e => e is not null);
                await bus.PublishAsync(new AccountConnectionChanged(name, Lost: true, outage.Since, now, error), cancellationToken);
            }
        }
        foreach (var gone in _outages.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _outages.TryRemove(gone, out _);
        }
    }

    private sealed class Outage(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public bool Reported { get; set; }
    }
}
