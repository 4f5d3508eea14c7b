using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Core.Storage;

/// <summary>Applies every module's pending migrations; used at start-up and by <c>parley migrate</c>.</summary>
public sealed class DatabaseMigrator(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleDatabase> modules,
    IOptions<StorageOptions> storage,
    ILogger<DatabaseMigrator> logger)
{
    public IReadOnlyList<ModuleDatabase> Modules { get; } = modules.ToList();

    /// <summary>Migrates every module and returns how many migrations were applied in all.</summary>
    public async Task<int> MigrateAllAsync(Action<ModuleDatabase, int>? onModuleDone = null, CancellationToken cancellationToken = default)
    {
        var applied = 0;
        foreach (var module in Modules)
        {
            var count = await MigrateAsync(module, cancellationToken);
            applied += count;
            onModuleDone?.Invoke(module, count);
        }
        return applied;
    }

    public async Task<int> MigrateAsync(ModuleDatabase module, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        if (!storage.Value.IsPostgres)
        {
            EnableWriteAheadLog(storage.Value.SqlitePath(module.Name));
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to the {Module} database", pending.Count, module.Name);
            await db.Database.MigrateAsync(cancellationToken);
        }
        return pending.Count;
    }

    /// <summary>Modules whose database still has migrations to apply (empty when ready).</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var behind = new List<string>();
        foreach (var module in Modules)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                behind.Add(module.Name);
            }
        }
        return behind;
    }

    // journal_mode=WAL is stored in the file, so it is set once here rather than per connection.
    private static void EnableWriteAheadLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var connection = new SqliteConnection(StorageServiceCollectionExtensions.SqliteConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}
