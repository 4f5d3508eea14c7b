namespace Parley.Core.Blobs;

/// <summary>A blob went past <c>Blobs:MaxBlobBytes</c> while it was streaming in; nothing was stored.</summary>
public sealed class BlobTooLargeException(long limitBytes)
    : Exception($"The blob is larger than the limit of {limitBytes} bytes.")
{
    public long LimitBytes { get; } = limitBytes;
}
