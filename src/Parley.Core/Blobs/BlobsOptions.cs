using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Blobs;

/// <summary>Where blobs live and how large they may be: the <c>Blobs</c> section.</summary>
public sealed class BlobsOptions
{
    public const string Section = "Blobs";
    public const string FileSystemProvider = "filesystem";
    public const string S3Provider = "s3";

    /// <summary><c>filesystem</c> (files under the data directory) or <c>s3</c> (an S3-compatible bucket).</summary>
    [Required]
    [RegularExpression("^(filesystem|s3)$", ErrorMessage = "must be 'filesystem' or 's3'")]
    public string Provider { get; set; } = FileSystemProvider;

    /// <summary>The largest blob accepted, in bytes (100 MiB by default).</summary>
    [Range(1, long.MaxValue)]
    public long MaxBlobBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Where the filesystem store keeps blobs; <c>&lt;Storage:DataDirectory&gt;/blobs</c> when empty.</summary>
    public string? Directory { get; set; }

    public S3BlobOptions S3 { get; set; } = new();

    public bool IsS3 => string.Equals(Provider, S3Provider, StringComparison.Ordinal);
}

/// <summary>An S3-compatible bucket: <c>Blobs:S3</c>.</summary>
public sealed class S3BlobOptions
{
    /// <summary>The endpoint, e.g. <c>https://s3.eu-central-1.amazonaws.com</c> or a MinIO URL.</summary>
    public string? ServiceUrl { get; set; }
    public string? Bucket { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }

    /// <summary>The signing region; S3-compatible servers usually accept the default.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Address the bucket in the path (<c>host/bucket/key</c>), as most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;
}
