using System.Buffers;
using System.Security.Cryptography;

namespace Parley.Core.Blobs;

/// <summary>
/// Incoming bytes copied to a temporary file while they are hashed and counted: the key is only
/// known once the last byte is in, and the size limit must hold before anything is stored.
/// Disposing removes the temporary file unless it was moved into place.
/// </summary>
internal sealed class SpooledBlob : IDisposable
{
    private const int BufferSize = 81920;

    private SpooledBlob(string path, string key, long size)
    {
        TempPath = path;
        Key = key;
        Size = size;
    }

    public string TempPath { get; }
    public string Key { get; }
    public long Size { get; }

    public BlobInfo Info => new(Key, Size);

    /// <summary>
    /// Forces the bytes to disk. Only a spool that is about to become a stored blob pays for it:
    /// a stored key must survive a power cut, a duplicate that is thrown away need not.
    /// </summary>
    public void FlushToDisk()
    {
        using var file = new FileStream(TempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        file.Flush(flushToDisk: true);
    }

    public static async Task<SpooledBlob> WriteAsync(Stream content, string tempDirectory, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(tempDirectory);
        var path = Path.Combine(tempDirectory, Guid.NewGuid().ToString("N") + ".part");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await file.FlushAsync(cancellationToken);
            }
            return new SpooledBlob(path, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(TempPath);
        }
        catch (IOException)
        {
            // A leftover .part file is swept with the temp directory; it never looks like a blob.
        }
    }
}
