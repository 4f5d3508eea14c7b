using System.Security.Cryptography;
using Parley.Core.Blobs;

namespace Parley.Core.Tests.Blobs;

public sealed class S3BlobStoreTests : IAsyncLifetime
{
    private const string Bucket = "parley-blobs";
    private RecordingS3Server _server = null!;
    private S3BlobStore _store = null!;

    public async Task InitializeAsync()
    {
        _server = await RecordingS3Server.StartAsync();
        _store = S3BlobStore.Create(new BlobsOptions
        {
            Provider = BlobsOptions.S3Provider,
            MaxBlobBytes = 64 * 1024,
            S3 = new S3BlobOptions { ServiceUrl = _server.Url, Bucket = Bucket, AccessKey = "AKIDEXAMPLE", SecretKey = "secret", Region = "eu-central-1" },
        });
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Put_uploads_the_bytes_path_style_under_their_content_key_with_a_signed_payload_hash()
    {
        var content = RandomNumberGenerator.GetBytes(10_000);

        var info = await _store.PutAsync(new MemoryStream(content));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), info.Key);
        var put = Assert.Single(_server.Requests, r => r.Method == "PUT");
        Assert.Equal($"/{Bucket}/{info.Key}", put.Path);
        Assert.Equal(content, put.Body);
        // SigV4 over the payload: the signed hash is the content key itself.
        Assert.Equal(info.Key, put.Headers["x-amz-content-sha256"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", put.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("/eu-central-1/s3/aws4_request", put.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_the_bucket_already_holds_are_not_uploaded_again()
    {
        var content = RandomNumberGenerator.GetBytes(1000);
        await _store.PutAsync(new MemoryStream(content));

        await _store.PutAsync(new MemoryStream(content));

        Assert.Single(_server.Requests, r => r.Method == "PUT");
        Assert.Equal(2, _server.Requests.Count(r => r.Method == "HEAD"));
    }

    [Fact]
    public async Task A_stored_blob_reads_back_and_exists_and_a_missing_one_is_null()
    {
        var content = RandomNumberGenerator.GetBytes(5000);
        var info = await _store.PutAsync(new MemoryStream(content));
        var missing = new string('0', 64);

        await using (var read = await _store.OpenReadAsync(info.Key))
        {
            Assert.NotNull(read);
            var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
        Assert.True(await _store.ExistsAsync(info.Key));
        Assert.Null(await _store.OpenReadAsync(missing));
        Assert.False(await _store.ExistsAsync(missing));
    }

    [Fact]
    public async Task Delete_sends_a_delete_of_the_object()
    {
        var info = await _store.PutAsync(new MemoryStream("bye"u8.ToArray()));

        await _store.DeleteAsync(info.Key);

        Assert.Contains(_server.Requests, r => r.Method == "DELETE" && r.Path == $"/{Bucket}/{info.Key}");
        Assert.False(await _store.ExistsAsync(info.Key));
    }

    [Fact]
    public async Task Content_over_the_limit_is_refused_before_any_request_is_sent()
    {
        await Assert.ThrowsAsync<BlobTooLargeException>(() => _store.PutAsync(new UnseekableStream(new byte[64 * 1024 + 1])));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_bad_key_is_refused_without_a_request()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync("../other-bucket/x"));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync("ABC"));

        Assert.Empty(_server.Requests);
    }
}
