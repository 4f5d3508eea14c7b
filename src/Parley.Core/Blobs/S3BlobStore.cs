using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Parley.Core.Blobs;

/// <summary>
/// Blobs in an S3-compatible bucket; the object key is the content key. The bytes are spooled to
/// a temporary file first, because the key (their hash) is only known at the end and the size
/// limit must hold before anything is uploaded.
/// </summary>
internal sealed class S3BlobStore(IAmazonS3 client, string bucket, long maxBlobBytes) : IBlobStore, IDisposable
{
    private static readonly string TempDirectory = Path.Combine(Path.GetTempPath(), "parley-blobs");

    public static S3BlobStore Create(BlobsOptions options)
    {
        var s3 = options.S3;
        var config = new AmazonS3Config
        {
            ServiceURL = s3.ServiceUrl,
            ForcePathStyle = s3.ForcePathStyle,
            AuthenticationRegion = s3.Region,
            // S3-compatible servers differ in their support for the newer flexible checksums; the
            // signed payload hash (x-amz-content-sha256, which equals the key) already guards the upload.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        var client = new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
        return new S3BlobStore(client, s3.Bucket!, options.MaxBlobBytes);
    }

    public async Task<BlobInfo> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        using var spooled = await SpooledBlob.WriteAsync(content, TempDirectory, maxBlobBytes, cancellationToken);
        if (await ExistsAsync(spooled.Key, cancellationToken))
        {
            return spooled.Info;
        }
        await using var file = new FileStream(spooled.TempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = spooled.Key,
            InputStream = file,
            AutoCloseStream = false,
            ContentType = "application/octet-stream",
            UseChunkEncoding = false,
        }, cancellationToken);
        return spooled.Info;
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        try
        {
            var response = await client.GetObjectAsync(bucket, key, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        try
        {
            await client.GetObjectMetadataAsync(bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        await client.DeleteObjectAsync(bucket, key, cancellationToken);
    }

    public void Dispose() => client.Dispose();
}
