using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Parley.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a module's context. <typeparamref name="TSqlite"/> and <typeparamref name="TPostgres"/>
    /// are thin subclasses that only exist so each provider has its own migrations set; code
    /// injects <typeparamref name="TContext"/> and gets the one configuration chose.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(this IServiceCollection services, string name)
        where TContext : ModuleDbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        services.AddSingleton(new ModuleDatabase(name, typeof(TContext)));
        services.AddDbContext<TSqlite>((sp, options) => ConfigureSqlite(options, sp.GetRequiredService<IOptions<StorageOptions>>().Value, name));
        services.AddDbContext<TPostgres>((sp, options) => ConfigurePostgres(options, sp.GetRequiredService<IOptions<StorageOptions>>().Value, name));
        services.AddScoped<TContext>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.IsPostgres
            ? sp.GetRequiredService<TPostgres>()
            : sp.GetRequiredService<TSqlite>());
        return services;
    }

    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public static string SqliteConnectionString(string path) => $"Data Source={path};Pooling=True";

    public static void ConfigureSqlite(DbContextOptionsBuilder options, StorageOptions storage, string name)
    {
        var path = storage.SqlitePath(name);
        options.UseSqlite(SqliteConnectionString(path), sqlite => sqlite.MigrationsHistoryTable(MigrationsHistoryTable));
        options.AddInterceptors(new SqlitePragmaInterceptor(storage.BusyTimeoutMilliseconds));
    }

    public static void ConfigurePostgres(DbContextOptionsBuilder options, StorageOptions storage, string name)
    {
        options.UseNpgsql(storage.ConnectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable, name));
    }
}
