using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// What a migrated database really has, read from the database's own catalogue (SQLite's <c>pragma_table_info</c> and
/// <c>sqlite_master</c>, PostgreSQL's <c>information_schema</c> and <c>pg_indexes</c>), not from EF's model: the seed
/// schema tests of every module compare the seeds' tables, columns and indexes with this.
/// </summary>
public static class MigratedSchema
{
    /// <summary>The seed file <c>docs/seeds/{name}</c>, found above the test's output folder.</summary>
    public static string[] SeedLines(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "seeds", name);
            if (File.Exists(candidate))
            {
                return File.ReadAllLines(candidate);
            }
        }
        throw new FileNotFoundException($"docs/seeds/{name} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>
    /// "table (table)" for each seed table the database lacks, "table.column" for each column it lacks.
    /// <paramref name="where"/> names the context and schema that hold a table (a schema only on PostgreSQL).
    /// </summary>
    public static async Task<List<string>> MissingAsync(
        IReadOnlyDictionary<string, List<string>> seedTables, Func<string, (DbContext Db, string? Schema)> where)
    {
        var missing = new List<string>();
        foreach (var (table, columns) in seedTables)
        {
            var (db, schema) = where(table);
            var actual = await ColumnsOfAsync(db, schema, table);
            if (actual.Count == 0)
            {
                missing.Add(table + " (table)");
                continue;
            }
            missing.AddRange(columns.Where(c => !actual.Contains(c)).Select(c => table + "." + c));
        }
        return missing;
    }

    public static async Task<HashSet<string>> ColumnsOfAsync(DbContext db, string? schema, string table)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        if (schema is null)
        {
            command.CommandText = "SELECT name FROM pragma_table_info($table)";
            AddParameter(command, "$table", table);
        }
        else
        {
            command.CommandText = "SELECT column_name FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table";
            AddParameter(command, "@schema", schema);
            AddParameter(command, "@table", table);
        }
        return await ReadNamesAsync(command);
    }

    public static async Task<HashSet<string>> IndexNamesAsync(DbContext db, string? schema)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        if (schema is null)
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index'";
        }
        else
        {
            command.CommandText = "SELECT indexname FROM pg_indexes WHERE schemaname = @schema";
            AddParameter(command, "@schema", schema);
        }
        return await ReadNamesAsync(command);
    }

    private static async Task<HashSet<string>> ReadNamesAsync(DbCommand command)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
