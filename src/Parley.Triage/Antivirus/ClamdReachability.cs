using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Parley.Triage.Classification;
using Parley.Triage.Configuration;

namespace Parley.Triage.Antivirus;

/// <summary>
/// Whether clamd answers (<c>zPING</c> → <c>PONG</c>) at the address configured now, for <c>/api/triage/health</c> and
/// the <c>parley.triage.antivirus.up</c> gauge (<c>parley_triage_antivirus_up{host,port}</c> at /metrics: 1 reachable,
/// 0 not; no sample while antivirus is off). One answer is kept for <see cref="CacheTime"/> and shared by every caller
/// meanwhile, so a dashboard polling health and a Prometheus scraping do not open a connection to clamd each time.
/// </summary>
public sealed class ClamdReachability
{
    /// <summary>
    /// How long one ping's answer stands. Short enough that health turns within seconds of clamd stopping or starting;
    /// long enough that several dashboards polling every few seconds, plus scrapes, cost clamd one ping at most.
    /// </summary>
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest a ping may take. clamd answers PING at once even while scanning (its own thread), so a second is
    /// ample on any network clamd should be on, and a health request never waits long on an unreachable host.
    /// </summary>
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);

    private readonly ClamdScanner _scanner;
    private readonly IOptionsMonitor<TriageOptions> _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Checked? _last;

    public ClamdReachability(ClamdScanner scanner, IOptionsMonitor<TriageOptions> options, TimeProvider time, IMeterFactory meters)
    {
        _scanner = scanner;
        _options = options;
        _time = time;
        meters.Create(ClassificationMetrics.MeterName).CreateObservableGauge("parley.triage.antivirus.up", Up,
            description: "1 when clamd answers PING at the configured address (host, port), 0 when not; absent while antivirus is off.");
    }

    /// <summary>clamd's reachability now (cached up to <see cref="CacheTime"/>); disabled: not checked.</summary>
    public async Task<AntivirusHealthView> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = _options.CurrentValue.Antivirus;
        if (!settings.Enabled)
        {
            return new AntivirusHealthView(false, null, null);
        }
        var now = _time.GetUtcNow();
        if (Fresh(settings, now) is { } cached)
        {
            return cached.View;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have pinged while this one waited.
            if (Fresh(settings, _time.GetUtcNow()) is { } shared)
            {
                return shared.View;
            }
            var reachable = await _scanner.PingAsync(settings.Host, settings.Port, PingTimeout, cancellationToken);
            _last = new Checked(settings.Host, settings.Port, new AntivirusHealthView(true, reachable, _time.GetUtcNow()));
            return _last.View;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The cached answer when it is younger than <see cref="CacheTime"/> and for the address configured now.</summary>
    private Checked? Fresh(AntivirusOptions settings, DateTimeOffset now) =>
        _last is { } last && last.Host == settings.Host && last.Port == settings.Port && now - last.View.CheckedAt!.Value < CacheTime ? last : null;

    /// <summary>
    /// Read at scrape time, without waiting on clamd: the last answer for the address configured now, and a ping in the
    /// background when it is older than <see cref="CacheTime"/> (a scrape never blocks on an unreachable host; the next
    /// one shows the new answer). No sample before the first answer, or while antivirus is off.
    /// </summary>
    private IEnumerable<Measurement<int>> Up()
    {
        var settings = _options.CurrentValue.Antivirus;
        if (!settings.Enabled)
        {
            return [];
        }
        if (Fresh(settings, _time.GetUtcNow()) is null && _gate.CurrentCount > 0)
        {
            _ = Task.Run(() => CheckAsync(CancellationToken.None));
        }
        return _last is { } last && last.Host == settings.Host && last.Port == settings.Port
            ? [new Measurement<int>(last.View.Reachable == true ? 1 : 0, new("host", last.Host), new("port", last.Port))]
            : [];
    }

    private sealed record Checked(string Host, int Port, AntivirusHealthView View);
}

/// <summary>Antivirus in <c>/api/triage/health</c>.</summary>
/// <param name="Enabled"><c>antivirus.enabled</c> now.</param>
/// <param name="Reachable">clamd answered PING; null while antivirus is off (not checked).</param>
/// <param name="CheckedAt">When clamd was last pinged (answers are reused for <see cref="ClamdReachability.CacheTime"/>).</param>
public sealed record AntivirusHealthView(bool Enabled, bool? Reachable, DateTimeOffset? CheckedAt);
