using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests;

/// <summary>
/// The seed is the contract: every table and column of Chatalot's schema (docs/seeds/003_chatalot.txt)
/// exists in the migrated databases. <c>users</c>, <c>refresh_tokens</c> and <c>audit_log</c> are
/// served by Core's tables; everything else lives in Chat's.
/// </summary>
public sealed class SeedSchemaTests
{
    private static readonly HashSet<string> ServedByCore = new(StringComparer.Ordinal) { "users", "refresh_tokens", "audit_log" };

    [Fact]
    public void The_seed_parses_into_its_tables()
    {
        var seed = SeedTables();

        // A parser that found nothing would make the schema test pass vacuously.
        Assert.Equal(40, seed.Count);
        Assert.Contains("thread_id", seed["messages"]);
        Assert.Equal(["community_id", "user_id", "role", "nickname", "joined_at"], seed["community_members"]);
    }

    [Theory, BothProviders]
    public async Task Every_table_and_column_of_the_chatalot_seed_exists_in_the_migrated_databases(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var chat = scope.ServiceProvider.GetRequiredService<ChatDbContext>();

        var missing = await MigratedSchema.MissingAsync(SeedTables(), table => ServedByCore.Contains(table)
            ? (core, provider == TestDatabase.Postgres ? CoreDbContext.ModuleName : null)
            : (chat, provider == TestDatabase.Postgres ? ChatDbContext.ModuleName : null));

        Assert.True(missing.Count == 0, "missing from the " + provider + " databases: " + string.Join(", ", missing));
    }

    /// <summary>Table name → column names, read from the seed: a table's name, then a "Column Type Notes" block.</summary>
    internal static Dictionary<string, List<string>> SeedTables()
    {
        var lines = MigratedSchema.SeedLines("003_chatalot.txt");
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "Column Type Notes")
            {
                continue;
            }
            var name = Enumerable.Range(0, i).Reverse().Select(j => lines[j].Trim())
                .First(l => l.Length > 0 && l.All(c => char.IsAsciiLetterLower(c) || c == '_'));
            var columns = new List<string>();
            for (var j = i + 1; j < lines.Length && lines[j].Trim().Length > 0; j++)
            {
                columns.Add(lines[j].Trim().Split(' ')[0]);
            }
            tables[name] = columns;
        }
        return tables;
    }
}
