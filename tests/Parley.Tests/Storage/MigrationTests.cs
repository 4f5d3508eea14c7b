using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Storage;

public sealed class MigrationTests
{
    [Theory, BothProviders]
    public async Task Migrations_apply_to_an_empty_database_and_a_second_run_is_a_no_op(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();

        Assert.Empty(await migrator.PendingAsync());
        Assert.Equal(0, await migrator.MigrateAllAsync());

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var applied = await db.Database.GetAppliedMigrationsAsync();
        Assert.Equal(db.Database.GetMigrations(), applied);
    }

    [Theory, BothProviders]
    public async Task The_model_and_the_migrations_agree(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();

        // A model change without a migration for this provider would be silently missing from real databases.
        Assert.False(db.Database.HasPendingModelChanges(), "run scripts/add-migration.sh");
    }

    [Theory, BothProviders]
    public async Task Readiness_reports_ready_once_migrations_are_applied(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var response = await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sqlite_databases_run_in_wal_mode_with_foreign_keys_on()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA foreign_keys";
        Assert.Equal(1L, (long?)await command.ExecuteScalarAsync());
    }
}
