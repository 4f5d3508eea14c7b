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

        var missing = await MigratedSchema.MissingAsync(SeedTables(), _ => (modmail, schema));
        var indexes = await MigratedSchema.IndexNamesAsync(modmail, schema);
        missing.AddRange(SeedIndexes().Where(i => !indexes.Contains(i)).Select(i => i + " (index)"));

        Assert.True(missing.Count == 0, "missing from the " + provider + " database: " + string.Join(", ", missing));
    }

    /// <summary>Table name → column names, read from the seed: a <c>### table</c> heading, then a Markdown table whose rows start with the column in backticks.</summary>
    internal static Dictionary<string, List<string>> SeedTables()
    {
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? columns = null;
        foreach (var line in MigratedSchema.SeedLines("001_rustmail.txt"))
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
        MigratedSchema.SeedLines("001_rustmail.txt")
            .SkipWhile(l => l != "## Indexes")
            .TakeWhile(l => l != "## Migrations")
            .Where(l => l.StartsWith("- `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1])
            .ToList();
}
