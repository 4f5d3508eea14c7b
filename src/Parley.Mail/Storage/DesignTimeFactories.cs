using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parley.Core.Storage;

namespace Parley.Mail.Storage;

// Used only by `dotnet ef migrations add`; see scripts/add-migration.sh.
internal sealed class SqliteMailDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMailDbContext>
{
    public SqliteMailDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteMailDbContext>();
        StorageServiceCollectionExtensions.ConfigureSqlite(options, new StorageOptions(), MailDbContext.ModuleName);
        return new SqliteMailDbContext(options.Options);
    }
}

internal sealed class PostgresMailDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMailDbContext>
{
    public PostgresMailDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresMailDbContext>();
        StorageServiceCollectionExtensions.ConfigurePostgres(options, new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = "Host=localhost" }, MailDbContext.ModuleName);
        return new PostgresMailDbContext(options.Options);
    }
}
