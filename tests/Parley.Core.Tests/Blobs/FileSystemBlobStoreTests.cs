using System.Security.Cryptography;
using Parley.Core.Blobs;

namespace Parley.Core.Tests.Blobs;

public sealed class FileSystemBlobStoreTests : IDisposable
{
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private readonly string _root = Directory.CreateTempSubdirectory("parley-blobs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private FileSystemBlobStore Store(long maxBytes = 1 << 20) => new(_root, maxBytes);

    private static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    [Fact]
    public async Task Put_returns_the_lower_hex_sha256_and_size_and_the_blob_reads_back_byte_for_byte()
    {
        var store = Store();
        var content = RandomBytes(200_000);

        var info = await store.PutAsync(new MemoryStream(content));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), info.Key);
        Assert.Equal(content.Length, info.Size);
        await using var read = await store.OpenReadAsync(info.Key);
        Assert.NotNull(read);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task A_blob_is_stored_under_two_levels_of_key_prefix()
    {
        var store = Store();

        var info = await store.PutAsync(new MemoryStream("hello"u8.ToArray()));

        Assert.True(File.Exists(Path.Combine(_root, info.Key[..2], info.Key[2..4], info.Key)));
        Assert.Equal([info.Key], store.EnumerateKeys());
    }

    [Fact]
    public async Task Empty_content_is_a_blob_too()
    {
        var info = await Store().PutAsync(new MemoryStream());

        Assert.Equal(new BlobInfo(EmptySha256, 0), info);
    }

    [Fact]
    public async Task Putting_bytes_that_are_already_stored_leaves_the_stored_file_untouched()
    {
        var store = Store();
        var content = RandomBytes(1000);
        var info = await store.PutAsync(new MemoryStream(content));
        // Mark the stored file so a rewrite would show.
        var path = store.PathOf(info.Key);
        await File.WriteAllTextAsync(path, "marker");

        var again = await store.PutAsync(new MemoryStream(content));

        Assert.Equal(info, again);
        Assert.Equal("marker", await File.ReadAllTextAsync(path));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "tmp")));
    }

    [Fact]
    public async Task Content_over_the_limit_throws_and_leaves_nothing_behind()
    {
        var store = Store(maxBytes: 1000);

        var error = await Assert.ThrowsAsync<BlobTooLargeException>(() => store.PutAsync(new MemoryStream(RandomBytes(1001))));

        Assert.Equal(1000, error.LimitBytes);
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Content_exactly_at_the_limit_is_stored()
    {
        var store = Store(maxBytes: 1000);

        var info = await store.PutAsync(new MemoryStream(RandomBytes(1000)));

        Assert.True(await store.ExistsAsync(info.Key));
    }

    [Fact]
    public async Task The_limit_holds_for_a_stream_that_does_not_know_its_length()
    {
        var store = Store(maxBytes: 64 * 1024);

        await Assert.ThrowsAsync<BlobTooLargeException>(() => store.PutAsync(new UnseekableStream(RandomBytes(200 * 1024))));

        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_cancelled_put_leaves_nothing_behind()
    {
        var store = Store();
        using var cancellation = new CancellationTokenSource();
        var content = new UnseekableStream(RandomBytes(300_000), afterFirstRead: cancellation.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync(content, cancellation.Token));

        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_missing_blob_opens_as_null_and_does_not_exist()
    {
        var store = Store();

        Assert.Null(await store.OpenReadAsync(EmptySha256));
        Assert.False(await store.ExistsAsync(EmptySha256));
    }

    [Fact]
    public async Task Delete_removes_the_blob_and_deleting_it_again_is_not_an_error()
    {
        var store = Store();
        var info = await store.PutAsync(new MemoryStream("bye"u8.ToArray()));

        await store.DeleteAsync(info.Key);
        await store.DeleteAsync(info.Key);
        await store.DeleteAsync(EmptySha256);

        Assert.False(await store.ExistsAsync(info.Key));
        Assert.Null(await store.OpenReadAsync(info.Key));
    }

    [Fact]
    public async Task A_reader_keeps_its_bytes_when_the_blob_is_deleted_under_it()
    {
        var store = Store();
        var content = RandomBytes(10_000);
        var info = await store.PutAsync(new MemoryStream(content));
        await using var read = await store.OpenReadAsync(info.Key);

        await store.DeleteAsync(info.Key);

        var copy = new MemoryStream();
        await read!.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8/5")]
    [InlineData("g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public async Task A_key_that_is_not_64_lower_hex_characters_is_refused_before_it_touches_a_path(string key)
    {
        var store = Store();

        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExistsAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key));
        Assert.False(BlobKey.IsValid(key));
    }

    [Fact]
    public async Task Concurrent_puts_of_the_same_bytes_all_succeed_with_one_stored_file()
    {
        var store = Store();
        var content = RandomBytes(50_000);

        var infos = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.PutAsync(new MemoryStream(content)))));

        Assert.Single(infos.Distinct());
        Assert.Single(store.EnumerateKeys());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "tmp")));
    }
}
