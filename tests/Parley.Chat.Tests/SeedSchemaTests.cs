using System.Data.Common;
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

        var missing = new List<string>();
        foreach (var (table, columns) in SeedTables())
        {
            var db = ServedByCore.Contains(table) ? (DbContext)core : chat;
            var schema = provider == TestDatabase.Postgres ? (ServedByCore.Contains(table) ? CoreDbContext.ModuleName : ChatDbContext.ModuleName) : null;
            var actual = await ColumnsOfAsync(db, schema, table);
            if (actual.Count == 0)
            {
                missing.Add(table + " (table)");
                continue;
            }
            missing.AddRange(columns.Where(c => !actual.Contains(c)).Select(c => table + "." + c));
        }

        Assert.True(missing.Count == 0, "missing from the " + provider + " databases: " + string.Join(", ", missing));
    }

    private static async Task<HashSet<string>> ColumnsOfAsync(DbContext db, string? schema, string table)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        if (schema is null)
        {
            command.CommandText = "SELECT name FROM pragma_table_info($table)";
            AddParameter(command, "$table", table);
        }
        else
        {
            command.CommandText = "SELECT column_name FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table";
            AddParameter(command, "@schema", schema);
            AddParameter(command, "@table", table);
        }
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Table name → column names, read from the seed: a table's name, then a "Column Type Notes" block.</summary>
    internal static Dictionary<string, List<string>> SeedTables()
    {
        var lines = File.ReadAllLines(FindSeed());
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

    private static string FindSeed()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "seeds", "003_chatalot.txt");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("docs/seeds/003_chatalot.txt not found above " + AppContext.BaseDirectory);
    }
}
