namespace Parley.IntegrationTests.Infrastructure;

/// <summary>
/// A working directory of its own (removed on dispose) and the <c>PARLEY__…</c> variables a process
/// gets. Parley variables inherited from the test runner are dropped so nothing leaks in.
/// </summary>
public sealed class ParleyEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _variables = new(StringComparer.Ordinal);

    private ParleyEnvironment(string workingDirectory) => WorkingDirectory = workingDirectory;

    public string WorkingDirectory { get; }

    /// <summary>The data directory every process of this environment uses.</summary>
    public string DataDirectory => Path.Combine(WorkingDirectory, "data");

    /// <summary>
    /// No configuration but a free SMTP port: what a person gets on a first start, except that tests run
    /// side by side and cannot all have port 2525.
    /// </summary>
    public static ParleyEnvironment Bare() => new ParleyEnvironment(Directory.CreateTempSubdirectory("parley-it-").FullName).Set("Mail:Smtp:Port", "0");

    /// <summary>SQLite under <see cref="DataDirectory"/>, a configured admin and cheap password hashing.</summary>
    public static ParleyEnvironment Sqlite()
    {
        var environment = Bare();
        environment.Set("Storage:Provider", "sqlite");
        environment.Set("Storage:DataDirectory", environment.DataDirectory);
        environment.Set("Admin:Password", "correct-horse-battery-staple");
        environment.Set("Auth:Argon2:MemoryKiB", "1024");
        environment.Set("Auth:Argon2:Iterations", "1");
        environment.Set("Auth:Argon2:Lanes", "1");
        return environment;
    }

    /// <summary>Same configuration, another working and data directory (e.g. to restore into).</summary>
    public ParleyEnvironment Sibling()
    {
        var sibling = Bare();
        foreach (var (key, value) in _variables)
        {
            sibling._variables[key] = value;
        }
        sibling.Set("Storage:DataDirectory", sibling.DataDirectory);
        return sibling;
    }

    /// <summary>Sets a configuration key (<c>Storage:DataDirectory</c>) as <c>PARLEY__STORAGE__DATADIRECTORY</c>.</summary>
    public ParleyEnvironment Set(string key, string? value)
    {
        _variables["PARLEY__" + key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()] = value;
        return this;
    }

    internal void ApplyTo(IDictionary<string, string?> environment)
    {
        // The runner's own Parley and URL settings would change what the process does.
        foreach (var key in environment.Keys.Where(k => k.StartsWith("PARLEY", StringComparison.Ordinal) || k.EndsWith("_URLS", StringComparison.Ordinal) || k.Contains("_HTTP", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(key);
        }
        environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in _variables)
        {
            environment[key] = value;
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file a killed process still held; harmless in a temp directory.
        }
    }
}
