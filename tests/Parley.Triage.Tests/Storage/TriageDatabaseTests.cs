using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Parley.Triage.Storage;

namespace Parley.Triage.Tests.Storage;

/// <summary>Mailpilot's database pragmas (seed 004): the embedded Triage database is WAL with foreign keys enforced.</summary>
public sealed class TriageDatabaseTests
{
    [Fact]
    public async Task The_embedded_triage_database_is_a_wal_file_of_its_own_with_foreign_keys_on()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        await using var scope = app.CreateScope();
        var triage = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var connection = triage.Database.GetDbConnection();
        await connection.OpenAsync();

        Assert.Equal(Path.Combine(app.Database.DataDirectory, "triage.db"), connection.DataSource);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys"));
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
