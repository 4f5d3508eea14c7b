using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Parley.Triage.Dashboard;
using Parley.Triage.Processing;
using Parley.Triage.Storage;

namespace Parley.Triage.Tests.Storage;

/// <summary>
/// The seed is the contract: every table and column of Mailpilot's schema (docs/seeds/004_mailpilot.txt) and its
/// named indexes exist in Triage's migrated databases, SQLite and PostgreSQL, with its unique keys and cascade.
/// </summary>
public sealed partial class SeedSchemaTests
{
    [Fact]
    public void The_seed_parses_into_its_tables_and_indexes()
    {
        var seed = SeedTables();

        // A parser that found nothing would make the schema test pass vacuously.
        Assert.Equal(["processed_messages", "audit_log", "dashboard_users", "dashboard_sessions", "dead_letter"], seed.Keys);
        Assert.Equal(["id", "message_id", "account_name", "processed_at"], seed["processed_messages"]);
        Assert.Equal(10, seed["audit_log"].Count);
        Assert.Equal(4, seed["dashboard_users"].Count);
        Assert.Equal(["id", "user_id", "created_at", "expires_at"], seed["dashboard_sessions"]);
        Assert.Equal(12, seed["dead_letter"].Count);
        Assert.Equal(9, SeedIndexes().Count);
        Assert.Contains("idx_dead_letter_retry", SeedIndexes());
    }

    [Theory, BothProviders]
    public async Task Every_table_column_and_index_of_the_mailpilot_seed_exists_in_the_migrated_databases(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var scope = app.CreateScope();
        var triage = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var schema = provider == TestDatabase.Postgres ? TriageDbContext.ModuleName : null;

        var missing = await MigratedSchema.MissingAsync(SeedTables(), _ => (triage, schema));
        var indexes = await MigratedSchema.IndexNamesAsync(triage, schema);
        missing.AddRange(SeedIndexes().Where(i => !indexes.Contains(i)).Select(i => i + " (index)"));

        Assert.True(missing.Count == 0, "missing from the " + provider + " database: " + string.Join(", ", missing));
    }

    [Theory, BothProviders]
    public async Task A_message_id_is_unique_per_account_and_sessions_go_with_their_user(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
            db.ProcessedMessages.Add(new ProcessedMessage { MessageId = "<a@x>", AccountName = "work", ProcessedAt = 1 });
            db.ProcessedMessages.Add(new ProcessedMessage { MessageId = "<a@x>", AccountName = "home", ProcessedAt = 1 });
            await db.SaveChangesAsync();
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
            db.ProcessedMessages.Add(new ProcessedMessage { MessageId = "<a@x>", AccountName = "work", ProcessedAt = 2 });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
            var user = new DashboardUser { Username = "ops", PasswordHash = "$2a$11$x", CreatedAt = 1 };
            db.DashboardUsers.Add(user);
            await db.SaveChangesAsync();
            db.DashboardSessions.Add(new DashboardSession { Id = new string('a', 64), UserId = user.Id, CreatedAt = 1, ExpiresAt = 2 });
            await db.SaveChangesAsync();

            // ON DELETE CASCADE in the database itself, not EF's tracking.
            await db.DashboardUsers.Where(u => u.Id == user.Id).ExecuteDeleteAsync();
            Assert.Equal(0, await db.DashboardSessions.CountAsync());
            Assert.Equal(2, await db.ProcessedMessages.CountAsync());
        }
    }

    /// <summary>
    /// Table name → column names. The seed is flattened Markdown: a table's name alone on a line, then
    /// "| Column | Type | Description |", "|---|…", and rows "name | TYPE | description |".
    /// </summary>
    internal static Dictionary<string, List<string>> SeedTables()
    {
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? lastName = null;
        List<string>? columns = null;
        foreach (var line in MigratedSchema.SeedLines("004_mailpilot.txt"))
        {
            if (line.StartsWith("| Column | Type |", StringComparison.Ordinal) && lastName is not null)
            {
                columns = [];
                tables[lastName] = columns;
            }
            else if (columns is not null && ColumnRow().Match(line) is { Success: true } row)
            {
                columns.Add(row.Groups[1].Value);
            }
            else if (!line.StartsWith("|---", StringComparison.Ordinal))
            {
                columns = null;
            }
            if (TableName().IsMatch(line))
            {
                lastName = line;
            }
        }
        return tables;
    }

    /// <summary>The seed's named indexes: run together on the line after "Indexes:" ("idx_a- For …idx_b- For …").</summary>
    internal static List<string> SeedIndexes() =>
        MigratedSchema.SeedLines("004_mailpilot.txt")
            .SelectMany(l => IndexName().Matches(l).Select(m => m.Value))
            .Distinct()
            .ToList();

    [GeneratedRegex("^([a-z_]+) \\| [A-Z]+ \\|")]
    private static partial Regex ColumnRow();

    [GeneratedRegex("^[a-z]+(_[a-z]+)+$")]
    private static partial Regex TableName();

    [GeneratedRegex("idx_[a-z_]+(?=-)")]
    private static partial Regex IndexName();
}
