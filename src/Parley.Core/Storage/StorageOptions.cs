using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Storage;

/// <summary>Where every module keeps its data: the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (one file per module under <see cref="DataDirectory"/>) or <c>postgres</c>.</summary>
    [Required]
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "must be 'sqlite' or 'postgres'")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>Holds the SQLite files, blobs and the instance lock; relative paths are taken from the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>PostgreSQL connection string; required when <see cref="Provider"/> is <c>postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a SQLite writer waits for the lock before giving up.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMilliseconds { get; set; } = 5_000;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.Ordinal);

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public string SqlitePath(string module) => Path.Combine(FullDataDirectory, module + ".db");
}
