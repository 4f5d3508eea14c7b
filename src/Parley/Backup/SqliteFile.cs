using Microsoft.Data.Sqlite;

namespace Parley.Backup;

/// <summary>What backup and restore do to one SQLite database file.</summary>
internal static class SqliteFile
{
    private const string MigrationsHistory = "__ef_migrations_history";

    // Pooling off: the files are moved and deleted right after, so no handle may linger in a pool.
    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000;");
        return connection;
    }

    /// <summary>
    /// Copies <paramref name="source"/> with SQLite's online backup API: one consistent snapshot,
    /// taken under a read transaction, while the server goes on writing (WAL readers do not block
    /// writers). The copy is switched to a rollback journal so it is a single self-contained file.
    /// </summary>
    public static void Snapshot(string source, string destination)
    {
        using (var from = Open(source, SqliteOpenMode.ReadWrite))
        using (var to = Open(destination, SqliteOpenMode.ReadWriteCreate))
        {
            from.BackupDatabase(to);
            Execute(to, "PRAGMA journal_mode = DELETE;");
        }
    }

    /// <summary><c>PRAGMA integrity_check</c>: "ok", or the problems it found.</summary>
    public static string IntegrityCheck(string path)
    {
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(reader.GetString(0));
            }
            return string.Join("; ", lines);
        }
        catch (SqliteException ex)
        {
            // So damaged the check itself cannot run ("malformed", "not a database").
            return ex.Message;
        }
    }

    public static IReadOnlyList<string> AppliedMigrations(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        if (!TableExists(connection, MigrationsHistory))
        {
            return [];
        }
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"MigrationId\" FROM \"{MigrationsHistory}\" ORDER BY \"MigrationId\";";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Rows per table (EF's and SQLite's own tables left out): a quick way to see what a backup holds.</summary>
    public static IReadOnlyDictionary<string, long> RowCounts(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name;";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\";";
            counts[table] = (long)count.ExecuteScalar()!;
        }
        return counts;
    }

    private static bool TableExists(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", table);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
