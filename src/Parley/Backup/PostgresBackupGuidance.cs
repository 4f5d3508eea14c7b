using Npgsql;

namespace Parley.Backup;

/// <summary>
/// On PostgreSQL, backups are pg_dump's job (consistent, online, and what a DBA expects), so
/// <c>parley backup</c> prints the exact commands for this installation instead: one schema per module.
/// </summary>
internal static class PostgresBackupGuidance
{
    public static IReadOnlyList<string> For(string connectionString, IEnumerable<string> schemas, string file)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var target = new List<string>();
        if (!string.IsNullOrEmpty(connection.Host))
        {
            target.Add("-h " + Quote(connection.Host));
        }
        target.Add("-p " + connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(connection.Username))
        {
            target.Add("-U " + Quote(connection.Username));
        }
        target.Add("-d " + Quote(connection.Database ?? connection.Username ?? "postgres"));
        var connect = string.Join(' ', target);
        var schemaFlags = string.Join(' ', schemas.Select(schema => "-n " + Quote(schema)));
        return
        [
            "parley backup copies SQLite databases; this installation keeps its data in PostgreSQL, so back it up with pg_dump:",
            $"  pg_dump {connect} -Fc {schemaFlags} -f {Quote(file)}",
            "restore it with:",
            $"  pg_restore {connect} --clean --if-exists {Quote(file)}",
            "(the password is not shown: give it through PGPASSWORD or ~/.pgpass)",
        ];
    }

    // Single quotes keep a shell from expanding anything in a value.
    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or ':' or '@' or '+' or ',')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
