using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parley.Core.Storage;

namespace Parley.Modmail.Storage;

// Used only by `dotnet ef migrations add`; see scripts/add-migration.sh.
internal sealed class SqliteModmailDesignTimeFactory : IDesignTimeDbContextFactory<SqliteModmailDbContext>
{
    public SqliteModmailDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteModmailDbContext>();
        StorageServiceCollectionExtensions.ConfigureSqlite(options, new StorageOptions(), ModmailDbContext.ModuleName);
        return new SqliteModmailDbContext(options.Options);
    }
}

internal sealed class PostgresModmailDesignTimeFactory : IDesignTimeDbContextFactory<PostgresModmailDbContext>
{
    public PostgresModmailDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresModmailDbContext>();
        StorageServiceCollectionExtensions.ConfigurePostgres(options, new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = "Host=localhost" }, ModmailDbContext.ModuleName);
        return new PostgresModmailDbContext(options.Options);
    }
}
