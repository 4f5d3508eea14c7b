namespace Parley.Core.Storage;

/// <summary>
/// An exclusive lock on <c>&lt;data&gt;/parley.lock</c>. Two servers writing the same SQLite files
/// would each assume they own the job queue and the caches, so a server holds this for as long as it
/// runs and <c>parley restore</c> holds it while it replaces files. The operating system releases
/// it when the process dies, so a crash never leaves a stale lock behind.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "parley.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static string PathFor(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>Takes the lock or throws <see cref="DataDirectoryLockedException"/> when another process holds it.</summary>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = PathFor(dataDirectory);
        try
        {
            // FileShare.None is an exclusive flock() on Unix and a sharing lock on Windows.
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new DataDirectoryLockedException(Path.GetFullPath(dataDirectory), ex);
        }
    }

    /// <summary>True when another process holds the lock right now.</summary>
    public static bool IsHeldElsewhere(string dataDirectory)
    {
        if (!File.Exists(PathFor(dataDirectory)))
        {
            return false;
        }
        try
        {
            Acquire(dataDirectory).Dispose();
            return false;
        }
        catch (DataDirectoryLockedException)
        {
            return true;
        }
    }

    public void Dispose() => _file.Dispose();
}
