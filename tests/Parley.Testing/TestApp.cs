using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// The whole Parley application on an in-memory server, over a database of its own.
/// One per test (no shared state); <see cref="RestartAsync"/> stops it and starts a new
/// process-equivalent on the same database.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "correct-horse-battery-staple";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<WebApplicationBuilder>? _customize;
    private WebApplication _app = null!;

    private TestApp(TestDatabase database, Dictionary<string, string?> settings, Action<WebApplicationBuilder>? customize)
    {
        Database = database;
        _settings = settings;
        _customize = customize;
    }

    public TestDatabase Database { get; }
    public HttpClient Client { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;
    public TestServer Server => _app.GetTestServer();

    /// <summary>Defaults that keep tests fast without changing behaviour: cheap Argon2, quick job polling.</summary>
    public static Dictionary<string, string?> FastDefaults() => new()
    {
        ["Admin:Username"] = AdminUsername,
        ["Admin:Password"] = AdminPassword,
        ["Auth:Argon2:MemoryKiB"] = "1024",
        ["Auth:Argon2:Iterations"] = "1",
        ["Auth:Argon2:Lanes"] = "1",
        ["Jobs:PollIntervalMilliseconds"] = "250",
        // Tests run side by side: each server takes a free SMTP port.
        ["Mail:Smtp:Port"] = "0",
        ["Http:RequestsPerMinute"] = "100000",
        ["Http:AuthRequestsPerMinute"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static async Task<TestApp> StartAsync(string provider, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? customize = null)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        var all = FastDefaults();
        foreach (var (key, value) in database.Settings())
        {
            all[key] = value;
        }
        if (settings is not null)
        {
            foreach (var (key, value) in settings)
            {
                all[key] = value;
            }
        }
        var app = new TestApp(database, all, customize);
        await app.StartCoreAsync();
        return app;
    }

    private async Task StartCoreAsync()
    {
        var builder = ParleyHost.CreateBuilder([], _settings);
        builder.WebHost.UseTestServer();
        _customize?.Invoke(builder);
        _app = builder.Build();
        ParleyHost.Configure(_app);
        await _app.StartAsync();
        Client = _app.GetTestClient();
    }

    /// <summary>Stops the application and starts it again over the same database, as a restart would.</summary>
    public async Task RestartAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await StartCoreAsync();
    }

    public AsyncServiceScope CreateScope() => _app.Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Database.DisposeAsync();
    }
}
