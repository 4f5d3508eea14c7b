using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests;

/// <summary>
/// The seed is the contract: every table and column of Rustmail's schema (docs/seeds/001_rustmail.txt) and its named
/// indexes exist in Modmail's migrated databases, SQLite and PostgreSQL.
/// </summary>
public sealed class SeedSchemaTests
{
    [Fact]
    public void The_seed_parses_into_its_tables()
    {
        var seed = SeedTables();

        // A parser that found nothing would make the schema test pass vacuously.
        Assert.Equal(12, seed.Count);
        Assert.Equal(13, seed["threads"].Count);
        Assert.Equal(["id", "thread_id", "status", "changed_at"], seed["thread_status"]);
        Assert.Equal(["user_id", "user_name", "blocked_by", "blocked_at", "expires_at"], seed["blocked_users"]);
        Assert.Equal(7, SeedIndexes().Count);
    }

    [Theory, BothProviders]
    public async Task Every_table_column_and_index_of_the_rustmail_seed_exists_in_the_migrated_databases(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var scope = app.CreateScope();
        var modmail = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
        var schema = provider == TestDatabase.Postgres ? ModmailDbContext.ModuleName : null;

        var missing = new List<string>();
        foreach (var (table, columns) in SeedTables())
        {
            var actual = await ColumnsOfAsync(modmail, schema, table);
            if (actual.Count == 0)
            {
                missing.Add(table + " (table)");
                continue;
            }
            missing.AddRange(columns.Where(c => !actual.Contains(c)).Select(c => table + "." + c));
        }

        var indexes = await IndexNamesAsync(modmail, schema);
        missing.AddRange(SeedIndexes().Where(i => !indexes.Contains(i)).Select(i => i + " (index)"));

        Assert.True(missing.Count == 0, "missing from the " + provider + " database: " + string.Join(", ", missing));
    }

    private static async Task<HashSet<string>> IndexNamesAsync(DbContext db, string? schema)
    {
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = schema is null
            ? "SELECT name FROM sqlite_master WHERE type = 'index'"
            : "SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema + "'";
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
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

    /// <summary>Table name → column names, read from the seed: a <c>### table</c> heading, then a Markdown table whose rows start with the column in backticks.</summary>
    internal static Dictionary<string, List<string>> SeedTables()
    {
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? columns = null;
        foreach (var line in File.ReadAllLines(FindSeed()))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                columns = [];
                tables[line[4..].Trim()] = columns;
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                columns = null;
            }
            else if (columns is not null && line.StartsWith("| `", StringComparison.Ordinal))
            {
                columns.Add(line.Split('`')[1]);
            }
        }
        return tables;
    }

    /// <summary>The seed's named indexes: "- `name` on `table(columns)`" under "## Indexes".</summary>
    internal static List<string> SeedIndexes() =>
        File.ReadAllLines(FindSeed())
            .SkipWhile(l => l != "## Indexes")
            .TakeWhile(l => l != "## Migrations")
            .Where(l => l.StartsWith("- `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1])
            .ToList();

    private static string FindSeed()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "seeds", "001_rustmail.txt");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("docs/seeds/001_rustmail.txt not found above " + AppContext.BaseDirectory);
    }
}
