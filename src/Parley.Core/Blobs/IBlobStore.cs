namespace Parley.Core.Blobs;

/// <summary>
/// Content-addressed storage for large bodies (raw MIME, attachments, uploads): a blob's key is
/// the lower-hex SHA-256 of its bytes, so blobs are immutable and storing the same bytes twice
/// stores them once. A real seam: files under the data directory, or an S3-compatible bucket.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into the store and returns its key and size. Throws
    /// <see cref="BlobTooLargeException"/> past <c>Blobs:MaxBlobBytes</c>, leaving nothing behind.
    /// </summary>
    Task<BlobInfo> PutAsync(Stream content, CancellationToken cancellationToken = default);

    /// <summary>The blob's bytes, or null when there is no blob with that key.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the blob; removing a missing blob is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
