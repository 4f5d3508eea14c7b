using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Parley.Modmail.Import;

/// <summary>The file is missing, is not SQLite, or is not a Rustmail database; nothing was imported.</summary>
internal sealed class RustmailImportException(string message) : Exception(message);

/// <summary>One row of a Rustmail table, column name → value (null for SQL NULL); columns a Rustmail version lacks read as null.</summary>
internal sealed class RustmailRow(Dictionary<string, object?> values)
{
    public object? this[string column] => values.GetValueOrDefault(column);

    public string? Text(string column) => this[column] switch
    {
        null => null,
        string s => s,
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    public long? Long(string column) => this[column] switch
    {
        null => null,
        long l => l,
        double d => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    /// <summary>SQLite booleans: 0/1, or the text <c>true</c>/<c>false</c>.</summary>
    public bool Bool(string column) => this[column] switch
    {
        long l => l != 0,
        double d => d != 0,
        string s => s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1",
        _ => false,
    };

    /// <summary>A <c>DATETIME</c> as UTC: SQLite's text forms (<c>2025-08-15 14:50:17</c>, RFC 3339) or Unix seconds.</summary>
    public DateTime? Time(string column) => this[column] switch
    {
        null => null,
        long seconds => DateTime.UnixEpoch.AddSeconds(seconds),
        double seconds => DateTime.UnixEpoch.AddSeconds(seconds),
        string s when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) => DateTime.UnixEpoch.AddSeconds(seconds),
        _ => null,
    };
}

/// <summary>
/// A Rustmail <c>db.sqlite</c> (seed 001), opened read-only: the tables it has, read whole (a Rustmail database is
/// thousands of rows, not millions). A table an older Rustmail did not have reads as absent.
/// </summary>
internal sealed class RustmailDatabase : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly HashSet<string> _tables;

    private RustmailDatabase(SqliteConnection connection, HashSet<string> tables)
    {
        _connection = connection;
        _tables = tables;
    }

    public static RustmailDatabase Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new RustmailImportException($"there is no file at {path}");
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            if (!tables.Contains("threads") || !tables.Contains("thread_messages"))
            {
                throw new RustmailImportException($"{path} is not a Rustmail database (it has no threads and thread_messages tables)");
            }
            return new RustmailDatabase(connection, tables);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new RustmailImportException($"{path} cannot be read as SQLite: {ex.SqliteErrorCode switch { 26 => "file is not a database", 11 => "the database is corrupt", _ => ex.Message }}");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public bool Has(string table) => _tables.Contains(table);

    /// <summary>Every row of <paramref name="table"/> in rowid order; empty when the table is absent.</summary>
    public IReadOnlyList<RustmailRow> Rows(string table)
    {
        if (!Has(table))
        {
            return [];
        }
        try
        {
            using var command = _connection.CreateCommand();
            // The name is one of the seed's tables (a constant of the importer), never input.
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            var rows = new List<RustmailRow>();
            while (reader.Read())
            {
                var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
                rows.Add(new RustmailRow(values));
            }
            return rows;
        }
        catch (SqliteException ex)
        {
            throw new RustmailImportException($"the table {table} cannot be read: {ex.Message}");
        }
    }

    public void Dispose() => _connection.Dispose();
}
