using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Mail.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests;

/// <summary>
/// The seed is the contract: every table and column of the email platform's schema
/// (docs/seeds/002_mail.txt) exists in Mail's migrated databases, SQLite and PostgreSQL.
/// </summary>
public sealed class SeedSchemaTests
{
    [Fact]
    public void The_seed_parses_into_its_tables()
    {
        var seed = SeedTables();

        // A parser that found nothing would make the schema test pass vacuously.
        Assert.Equal(12, seed.Count);
        Assert.Equal(["id", "subject", "created_at", "updated_at", "deleted_at"], seed["threads"]);
        Assert.Contains("raw_storage_key", seed["messages"]);
        Assert.Equal(["address", "reason", "created_at"], seed["suppressed_addresses"]);
    }

    [Theory, BothProviders]
    public async Task Every_table_and_column_of_the_mail_seed_exists_in_the_migrated_databases(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var scope = app.CreateScope();
        var mail = scope.ServiceProvider.GetRequiredService<MailDbContext>();

        var missing = await MigratedSchema.MissingAsync(SeedTables(), _ => (mail, provider == TestDatabase.Postgres ? MailDbContext.ModuleName : null));

        Assert.True(missing.Count == 0, "missing from the " + provider + " database: " + string.Join(", ", missing));
    }

    /// <summary>Table name → column names, read from the seed: a table's name, a "| Column | Type |" header, then "name | type | …" rows.</summary>
    internal static Dictionary<string, List<string>> SeedTables()
    {
        var lines = MigratedSchema.SeedLines("002_mail.txt");
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("| Column |", StringComparison.Ordinal))
            {
                continue;
            }
            var columns = new List<string>();
            for (var j = i + 2; j < lines.Length && lines[j].Contains(" | ", StringComparison.Ordinal) && !lines[j].StartsWith('|'); j++)
            {
                columns.Add(lines[j].Split(" | ")[0].Trim());
            }
            tables[lines[i - 1].Trim()] = columns;
        }
        return tables;
    }
}
