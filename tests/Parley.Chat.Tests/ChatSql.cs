using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;

namespace Parley.Chat.Tests;

/// <summary>
/// Raw inserts for tests that must leave columns out to see the database's own defaults,
/// which EF would otherwise fill in from the entity.
/// </summary>
internal static class ChatSql
{
    public static Task<int> InsertAsync(ChatDbContext db, string table, IReadOnlyDictionary<string, object> values)
    {
        var qualified = db.IsPostgres ? $"{ChatDbContext.ModuleName}.{table}" : table;
        var columns = string.Join(", ", values.Keys);
        var placeholders = string.Join(", ", values.Keys.Select((_, i) => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));
        // EF stores Guids as upper-case text on SQLite; a raw Guid parameter would be bound as a blob.
        var parameters = values.Values.Select(v => v is Guid g && !db.IsPostgres ? g.ToString().ToUpperInvariant() : v).ToArray();
#pragma warning disable EF1002 // table and column names are the test's own constants; values are parameters
        return db.Database.ExecuteSqlRawAsync($"INSERT INTO {qualified} ({columns}) VALUES ({placeholders})", parameters);
#pragma warning restore EF1002
    }
}
