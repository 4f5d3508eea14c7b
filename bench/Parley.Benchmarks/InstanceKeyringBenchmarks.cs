using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Configuration;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Benchmarks;

/// <summary>Sealing and opening a 1 KiB secret with the instance keyring (AES-256-GCM, key cached after first use).</summary>
[MemoryDiagnoser]
public class InstanceKeyringBenchmarks
{
    private readonly byte[] _secret = new byte[1024];
    private string _data = "";
    private ServiceProvider _services = null!;
    private InstanceKeyring _keyring = null!;
    private byte[] _sealed = [];

    [GlobalSetup]
    public void Setup()
    {
        _data = Directory.CreateTempSubdirectory("parley-bench-keyring-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _data })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddModuleDbContext<CoreDbContext, SqliteCoreDbContext, PostgresCoreDbContext>(CoreDbContext.ModuleName);
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<InstanceKeyring>();
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<DatabaseMigrator>().MigrateAllAsync().GetAwaiter().GetResult();
        _keyring = _services.GetRequiredService<InstanceKeyring>();
        _sealed = _keyring.Encrypt("totp", _secret);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Benchmark(Description = "Encrypt 1 KiB")]
    public byte[] Encrypt() => _keyring.Encrypt("totp", _secret);

    [Benchmark(Description = "Decrypt 1 KiB")]
    public byte[] Decrypt() => _keyring.Decrypt("totp", _sealed);
}
