using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parley.Core.Storage;

namespace Parley.Triage.Storage;

// Used only by `dotnet ef migrations add`; see scripts/add-migration.sh.
internal sealed class SqliteTriageDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTriageDbContext>
{
    public SqliteTriageDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteTriageDbContext>();
        StorageServiceCollectionExtensions.ConfigureSqlite(options, new StorageOptions(), TriageDbContext.ModuleName);
        return new SqliteTriageDbContext(options.Options);
    }
}

internal sealed class PostgresTriageDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTriageDbContext>
{
    public PostgresTriageDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresTriageDbContext>();
        StorageServiceCollectionExtensions.ConfigurePostgres(options, new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = "Host=localhost" }, TriageDbContext.ModuleName);
        return new PostgresTriageDbContext(options.Options);
    }
}
