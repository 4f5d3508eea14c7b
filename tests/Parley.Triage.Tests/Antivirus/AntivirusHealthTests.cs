using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Antivirus;

namespace Parley.Triage.Tests.Antivirus;

/// <summary>
/// clamd's reachability in <c>/api/triage/health</c> and the <c>parley_triage_antivirus_up</c> gauge: the real clamd
/// (scripts/clamd.sh) answering PING, then stopped; a closed port; antivirus off. Answers are cached
/// <see cref="ClamdReachability.CacheTime"/> on the server's clock (the test's).
/// </summary>
public sealed class AntivirusHealthTests
{
    private static Dictionary<string, string?> Antivirus(int port, bool enabled = true) => new()
    {
        ["Triage:antivirus:enabled"] = enabled ? "true" : "false",
        ["Triage:antivirus:host"] = "127.0.0.1",
        ["Triage:antivirus:port"] = port.ToString(CultureInfo.InvariantCulture),
    };

    private static async Task<JsonElement> HealthAsync(TestApp app, string token)
    {
        using var response = await app.SendAsync(HttpMethod.Get, "/api/triage/health", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>
    /// The gauge's sample for clamd at <paramref name="port"/> in the Prometheus text; null when there is none. (By port:
    /// the exporter sees every test server's Parley.Triage meter in this process.)
    /// </summary>
    private static async Task<string?> UpAsync(TestApp app, int port)
    {
        var metrics = await app.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var sample = Regex.Match(metrics, $@"^parley_triage_antivirus_up\{{[^}}]*port=""{port}""[^}}]*\}} (\S+)", RegexOptions.Multiline);
        return sample.Success ? sample.Groups[1].Value : null;
    }

    /// <summary>
    /// This app's own gauge sample for clamd at <paramref name="port"/>, read from the instrument its
    /// <see cref="IMeterFactory"/> made (the meter's scope), not from /metrics: there every Triage server alive in this
    /// test process shows its gauge on the same meter name, and one of another server's could stand for this one's.
    /// </summary>
    private static string? UpOfThisApp(TestApp app, int port)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        string? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "parley.triage.antivirus.up" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "port" && Equals(tag.Value, port))
                {
                    value = measurement.ToString(CultureInfo.InvariantCulture);
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Theory, BothProviders]
    public async Task With_the_real_clamd_health_and_the_gauge_say_reachable_until_it_stops_and_the_cached_answer_expires(string provider)
    {
        var clamd = await TestClamd.StartAsync();
        try
        {
            var (app, clock) = await TriageTestApp.StartAsync(provider, Antivirus(clamd.Port));
            await using var _ = app;
            var admin = (await app.SignInAsync()).AccessToken;

            var health = await HealthAsync(app, admin);
            Assert.Equal("ok", health.Str("status"));
            var antivirus = health.GetProperty("antivirus");
            Assert.True(antivirus.GetProperty("enabled").GetBoolean());
            Assert.True(antivirus.GetProperty("reachable").GetBoolean());
            Assert.Equal(clock.GetUtcNow(), antivirus.GetProperty("checked_at").GetDateTimeOffset());
            Assert.Equal("1", await UpAsync(app, clamd.Port));

            await clamd.DisposeAsync();
            // Within the cache time the answer stands: health polling does not ping clamd each time.
            Assert.True((await HealthAsync(app, admin)).GetProperty("antivirus").GetProperty("reachable").GetBoolean());

            clock.Advance(ClamdReachability.CacheTime + TimeSpan.FromSeconds(1));
            health = await HealthAsync(app, admin);
            Assert.Equal("degraded", health.Str("status"));
            Assert.False(health.GetProperty("antivirus").GetProperty("reachable").GetBoolean());
            Assert.Equal(clock.GetUtcNow(), health.GetProperty("antivirus").GetProperty("checked_at").GetDateTimeOffset());
            Assert.Equal("0", UpOfThisApp(app, clamd.Port));
        }
        finally
        {
            await clamd.DisposeAsync(); // stopping twice is harmless (the script ignores a stopped clamd)
        }
    }

    [Theory, BothProviders]
    public async Task A_closed_port_is_unreachable_and_degrades_health(string provider)
    {
        var port = ClosedPort();
        var (app, _) = await TriageTestApp.StartAsync(provider, Antivirus(port));
        await using var __ = app;
        var admin = (await app.SignInAsync()).AccessToken;

        var health = await HealthAsync(app, admin);

        Assert.Equal("degraded", health.Str("status"));
        var antivirus = health.GetProperty("antivirus");
        Assert.True(antivirus.GetProperty("enabled").GetBoolean());
        Assert.False(antivirus.GetProperty("reachable").GetBoolean());
        Assert.Equal("0", await UpAsync(app, port));
    }

    [Fact]
    public async Task Off_clamd_is_not_checked_and_the_gauge_has_no_sample()
    {
        var port = ClosedPort();
        var (app, _) = await TriageTestApp.StartAsync(TestDatabase.Sqlite, Antivirus(port, enabled: false));
        await using var __ = app;
        var admin = (await app.SignInAsync()).AccessToken;

        var health = await HealthAsync(app, admin);

        Assert.Equal("ok", health.Str("status"));
        var antivirus = health.GetProperty("antivirus");
        Assert.False(antivirus.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, antivirus.GetProperty("reachable").ValueKind);
        Assert.Equal(JsonValueKind.Null, antivirus.GetProperty("checked_at").ValueKind);
        Assert.Null(await UpAsync(app, port));
    }
}
