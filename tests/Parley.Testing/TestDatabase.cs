using Npgsql;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test: a fresh SQLite data directory, or a fresh database on
/// the PostgreSQL server named by <c>PARLEY_TEST_POSTGRES</c>. Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? _postgresDatabase;

    private TestDatabase(string provider, string dataDirectory, string? connectionString, string? postgresDatabase)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _postgresDatabase = postgresDatabase;
    }

    public string Provider { get; }
    public string DataDirectory { get; }
    public string? ConnectionString { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("PARLEY_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PARLEY_TEST_POSTGRES is not set: run the tests through ./scripts/test.sh, which starts PostgreSQL.");

    /// <summary>An empty database: the server's start-up migrates it.</summary>
    public static Task<TestDatabase> CreateAsync(string provider) => CreateAsync(provider, migrated: false);

    /// <summary>
    /// A database already at the latest migration, copied from <see cref="MigratedTemplate"/>: what most tests start
    /// from, without paying for every module's migrations each time.
    /// </summary>
    public static Task<TestDatabase> CreateMigratedAsync(string provider) => CreateAsync(provider, migrated: true);

    private static async Task<TestDatabase> CreateAsync(string provider, bool migrated)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("parley-test-").FullName;
        if (provider == Sqlite)
        {
            if (migrated)
            {
                await MigratedTemplate.CopySqliteInto(dataDirectory);
            }
            return new TestDatabase(provider, dataDirectory, null, null);
        }
        var name = "parley_t_" + Guid.NewGuid().ToString("N");
        // FILE_COPY copies the template's files (two cheap checkpoints on the test server, which runs with fsync off)
        // instead of writing every page to the WAL: ~0.1 s instead of ~0.8 s per test database.
        var template = migrated ? " TEMPLATE " + await MigratedTemplate.PostgresAsync() + " STRATEGY = FILE_COPY" : "";
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}{template}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name };
        return new TestDatabase(provider, dataDirectory, builder.ConnectionString, name);
    }

    /// <summary>Configuration keys that point Parley at this database.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Storage:Provider"] = Provider,
        ["Storage:DataDirectory"] = DataDirectory,
        ["Storage:ConnectionString"] = ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finished test is harmless in a temp directory.
        }
    }
}
