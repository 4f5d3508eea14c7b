using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Parley.Core.Storage;

// Used only by `dotnet ef migrations add`; see scripts/add-migration.sh.
internal sealed class SqliteCoreDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCoreDbContext>
{
    public SqliteCoreDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteCoreDbContext>();
        StorageServiceCollectionExtensions.ConfigureSqlite(options, new StorageOptions(), CoreDbContext.ModuleName);
        return new SqliteCoreDbContext(options.Options);
    }
}

internal sealed class PostgresCoreDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCoreDbContext>
{
    public PostgresCoreDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresCoreDbContext>();
        StorageServiceCollectionExtensions.ConfigurePostgres(options, new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = "Host=localhost" }, CoreDbContext.ModuleName);
        return new PostgresCoreDbContext(options.Options);
    }
}
