using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parley.Core.Storage;

namespace Parley.Chat.Storage;

// Used only by `dotnet ef migrations add`; see scripts/add-migration.sh.
internal sealed class SqliteChatDesignTimeFactory : IDesignTimeDbContextFactory<SqliteChatDbContext>
{
    public SqliteChatDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteChatDbContext>();
        StorageServiceCollectionExtensions.ConfigureSqlite(options, new StorageOptions(), ChatDbContext.ModuleName);
        return new SqliteChatDbContext(options.Options);
    }
}

internal sealed class PostgresChatDesignTimeFactory : IDesignTimeDbContextFactory<PostgresChatDbContext>
{
    public PostgresChatDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresChatDbContext>();
        StorageServiceCollectionExtensions.ConfigurePostgres(options, new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = "Host=localhost" }, ChatDbContext.ModuleName);
        return new PostgresChatDbContext(options.Options);
    }
}
