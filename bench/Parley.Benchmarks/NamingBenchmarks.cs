using BenchmarkDotNet.Attributes;
using Parley.Core.Blobs;
using Parley.Core.Storage;

namespace Parley.Benchmarks;

/// <summary>Small hot helpers: column naming at model build, key validation on every blob call.</summary>
[MemoryDiagnoser]
public class NamingBenchmarks
{
    private const string Key = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Benchmark(Description = "SnakeCaseNames.ToSnakeCase: TotpLastStep")]
    public string ToSnakeCase() => SnakeCaseNames.ToSnakeCase("TotpLastStep");

    [Benchmark(Description = "BlobKey.IsValid (64 hex chars)")]
    public bool IsValidKey() => BlobKey.IsValid(Key);
}
