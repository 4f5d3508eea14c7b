using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Schema;

/// <summary>Writes and reads rows through fresh contexts, so a read-back comes from the database, not EF's identity map.</summary>
internal static class ChatRows
{
    /// <summary>A time with whole microseconds, the finest both providers keep.</summary>
    public static readonly DateTime At = new(2026, 3, 4, 5, 6, 7, 123, 456, DateTimeKind.Utc);

    public static async Task SaveAsync(this TestApp app, params object[] rows)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    public static async Task<T> ReadAsync<T>(this TestApp app, Func<ChatDbContext, Task<T>> read)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        return await read(db);
    }

    public static async Task<int> ExecuteAsync(this TestApp app, Func<ChatDbContext, Task<int>> write)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        return await write(db);
    }

    /// <summary>The table's name as raw SQL must write it: schema-qualified on PostgreSQL.</summary>
    public static string TableOf<T>(this ChatDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var schema = entity.GetSchema();
        return schema is null ? entity.GetTableName()! : "\"" + schema + "\"." + entity.GetTableName();
    }

    /// <summary>A uuid literal both providers read as the Guid EF writes (SQLite keeps upper-case text).</summary>
    public static string SqlLiteral(Guid id) => "'" + id.ToString().ToUpperInvariant() + "'";

    public static Task SaveFailsAsync(this TestApp app, params object[] rows) =>
        Assert.ThrowsAsync<DbUpdateException>(() => app.SaveAsync(rows));

    /// <summary>Every public property of <paramref name="actual"/> equals <paramref name="expected"/>'s, each named on failure.</summary>
    public static void AssertSameColumns<T>(T expected, T? actual)
    {
        Assert.NotNull(actual);
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var want = property.GetValue(expected);
            var got = property.GetValue(actual);
            if (want is byte[] bytes)
            {
                Assert.Equal(bytes, (byte[]?)got);
                continue;
            }
            Assert.True(Equals(want, got), $"{typeof(T).Name}.{property.Name}: expected {want}, got {got}");
            if (want is DateTime time)
            {
                Assert.Equal(time.Kind, ((DateTime)got!).Kind);
            }
        }
    }
}
