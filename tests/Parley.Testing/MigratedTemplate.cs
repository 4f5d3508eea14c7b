using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parley.Core.Storage;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// Every module's migrations applied once per build instead of once per test: a migrated PostgreSQL database that
/// each test's database is created from (<c>CREATE DATABASE … TEMPLATE</c>, a file copy), and a directory of migrated
/// SQLite files each test copies. The template is named after a hash of the server's assemblies, so a changed
/// migration makes a new one; it is built under a lock (an advisory lock, an atomic directory rename) so test
/// processes side by side build it once. Start-up still runs the migrator, which finds nothing pending.
/// </summary>
internal static class MigratedTemplate
{
    private static readonly Lazy<string> Key = new(ComputeKey);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _postgres;
    private static string? _sqlite;

    /// <summary>The template database's name on the PostgreSQL test server, built on first use.</summary>
    public static async Task<string> PostgresAsync()
    {
        if (_postgres is not null)
        {
            return _postgres;
        }
        await Gate.WaitAsync();
        try
        {
            if (_postgres is null)
            {
                var name = "parley_tpl_" + Key.Value;
                await using var connection = new NpgsqlConnection(TestDatabase.ServerConnectionString);
                await connection.OpenAsync();
                await ExecuteAsync(connection, "SELECT pg_advisory_lock(52710)");
                try
                {
                    if (!await ExistsAsync(connection, name))
                    {
                        var building = name + "_b";
                        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {building} WITH (FORCE)");
                        await ExecuteAsync(connection, $"CREATE DATABASE {building}");
                        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = building };
                        await MigrateAsync(TestDatabase.Postgres, Path.GetTempPath(), builder.ConnectionString);
                        NpgsqlConnection.ClearAllPools();
                        await ExecuteAsync(connection, $"ALTER DATABASE {building} RENAME TO {name}");
                    }
                }
                finally
                {
                    await ExecuteAsync(connection, "SELECT pg_advisory_unlock(52710)");
                }
                _postgres = name;
            }
            return _postgres;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Copies the migrated SQLite files into <paramref name="dataDirectory"/>.</summary>
    public static async Task CopySqliteInto(string dataDirectory)
    {
        var template = await SqliteAsync();
        foreach (var file in Directory.GetFiles(template, "*.db"))
        {
            File.Copy(file, Path.Combine(dataDirectory, Path.GetFileName(file)));
        }
    }

    private static async Task<string> SqliteAsync()
    {
        if (_sqlite is not null)
        {
            return _sqlite;
        }
        await Gate.WaitAsync();
        try
        {
            if (_sqlite is null)
            {
                var final = Path.Combine(Path.GetTempPath(), "parley-template-" + Key.Value);
                if (!Directory.Exists(final))
                {
                    var building = Directory.CreateTempSubdirectory("parley-template-building-").FullName;
                    await MigrateAsync(TestDatabase.Sqlite, building, null);
                    // Closing the last connection checkpoints the WAL, so the .db files alone are the whole database.
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    try
                    {
                        Directory.Move(building, final);
                    }
                    catch (IOException) when (Directory.Exists(final))
                    {
                        // Another test process finished the same template first.
                        Directory.Delete(building, recursive: true);
                    }
                }
                _sqlite = final;
            }
            return _sqlite;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task MigrateAsync(string provider, string dataDirectory, string? connectionString)
    {
        var settings = TestApp.FastDefaults();
        settings["Storage:Provider"] = provider;
        settings["Storage:DataDirectory"] = dataDirectory;
        settings["Storage:ConnectionString"] = connectionString;
        await using var app = ParleyHost.CreateBuilder([], settings).Build();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAllAsync();
    }

    /// <summary>A hash of the server's own assemblies (not the tests'): the migrations live in them.</summary>
    private static string ComputeKey()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => Path.GetFileName(f) is var n && (n == "parley.dll" || n.StartsWith("Parley.", StringComparison.Ordinal))
                && !n.Contains("Test", StringComparison.Ordinal) && !n.Contains("Bench", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string name)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
