using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Parley.Core.Blobs;

namespace Parley.Benchmarks;

/// <summary>The filesystem blob store with 1 MiB blobs: a new blob (hash, spool, fsync, move), a blob it already has, a read.</summary>
[MemoryDiagnoser]
public class BlobStoreBenchmarks
{
    private const int Size = 1 << 20;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(Size);
    private string _root = "";
    private FileSystemBlobStore _store = null!;
    private string _existingKey = "";
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("parley-bench-blobs-").FullName;
        _store = new FileSystemBlobStore(_root, 100L << 20);
        _existingKey = _store.PutAsync(new MemoryStream(_content)).GetAwaiter().GetResult().Key;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Description = "Put 1 MiB, new content")]
    public async Task<BlobInfo> PutNew()
    {
        // Different first bytes each time: a new key, so the full write path runs.
        var content = (byte[])_content.Clone();
        BitConverter.TryWriteBytes(content, Interlocked.Increment(ref _counter));
        return await _store.PutAsync(new MemoryStream(content));
    }

    [Benchmark(Description = "Put 1 MiB, already stored")]
    public Task<BlobInfo> PutExisting() => _store.PutAsync(new MemoryStream(_content));

    [Benchmark(Description = "Read 1 MiB")]
    public async Task<long> Read()
    {
        await using var stream = (await _store.OpenReadAsync(_existingKey))!;
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }
        return total;
    }
}
