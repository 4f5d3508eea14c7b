namespace Parley.Core.Blobs;

/// <summary>A stored blob: its content key (lower-hex SHA-256) and its size in bytes.</summary>
public sealed record BlobInfo(string Key, long Size);
