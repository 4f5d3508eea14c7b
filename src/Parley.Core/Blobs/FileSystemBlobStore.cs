using Parley.Core.Storage;

namespace Parley.Core.Blobs;

/// <summary>
/// Blobs as files: <c>&lt;root&gt;/ab/cd/&lt;key&gt;</c>, two levels of key prefix so no directory
/// grows huge. A put streams into <c>&lt;root&gt;/tmp</c> (same filesystem) and is moved into place
/// atomically, so a reader never sees half a blob.
/// </summary>
internal sealed class FileSystemBlobStore(string root, long maxBlobBytes) : IBlobStore
{
    private const int BufferSize = 81920;

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The directory configuration chose: <c>Blobs:Directory</c>, or <c>blobs</c> under the data directory.</summary>
    public static string RootFor(BlobsOptions blobs, StorageOptions storage) =>
        string.IsNullOrWhiteSpace(blobs.Directory) ? Path.Combine(storage.FullDataDirectory, "blobs") : Path.GetFullPath(blobs.Directory);

    public string PathOf(string key)
    {
        BlobKey.Validate(key);
        return Path.Combine(Root, key[..2], key[2..4], key);
    }

    public async Task<BlobInfo> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        using var spooled = await SpooledBlob.WriteAsync(content, Path.Combine(Root, "tmp"), maxBlobBytes, cancellationToken);
        var path = PathOf(spooled.Key);
        if (File.Exists(path))
        {
            // Same key, same bytes: the stored file stays as it is.
            return spooled.Info;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        spooled.FlushToDisk();
        try
        {
            File.Move(spooled.TempPath, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // A concurrent put of the same bytes won the race; its file is ours too.
        }
        return spooled.Info;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            // FileShare.Delete: a delete while someone streams the blob unlinks it without breaking the reader.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(PathOf(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Never stored: nothing to delete.
        }
        return Task.CompletedTask;
    }

    /// <summary>Every stored key (backups count and copy them).</summary>
    public IEnumerable<string> EnumerateKeys()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }
        foreach (var first in Directory.EnumerateDirectories(Root))
        {
            foreach (var second in Directory.EnumerateDirectories(first))
            {
                foreach (var file in Directory.EnumerateFiles(second))
                {
                    var name = Path.GetFileName(file);
                    if (BlobKey.IsValid(name))
                    {
                        yield return name;
                    }
                }
            }
        }
    }
}
