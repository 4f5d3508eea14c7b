namespace Parley.Core.Storage;

/// <summary>Another process (a running server, a restore) holds the data directory's lock.</summary>
public sealed class DataDirectoryLockedException(string dataDirectory, Exception? inner = null)
    : Exception($"another Parley process is using the data directory {dataDirectory} (it holds {DataDirectoryLock.PathFor(dataDirectory)}); stop it first or set Storage:DataDirectory to another directory", inner)
{
    public string DataDirectory { get; } = dataDirectory;

    // An expected refusal, not a bug: the host logs start-up failures with ToString(), and a stack trace would bury the message.
    public override string ToString() => GetType().FullName + ": " + Message;
}
