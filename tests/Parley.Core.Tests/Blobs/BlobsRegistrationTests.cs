using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Blobs;
using Parley.Core.Configuration;
using Parley.Core.Storage;

namespace Parley.Core.Tests.Blobs;

public sealed class BlobsRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddBlobs(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void By_default_blobs_are_files_under_the_data_directory()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-data-" + Guid.NewGuid().ToString("N"));
        using var services = Build(new() { ["Storage:DataDirectory"] = data });

        var store = Assert.IsType<FileSystemBlobStore>(services.GetRequiredService<IBlobStore>());

        Assert.Equal(Path.Combine(data, "blobs"), store.Root);
        Assert.Equal(100L * 1024 * 1024, services.GetRequiredService<IOptions<BlobsOptions>>().Value.MaxBlobBytes);
    }

    [Fact]
    public void Provider_s3_with_a_bucket_and_credentials_gives_the_s3_store()
    {
        using var services = Build(new()
        {
            ["Blobs:Provider"] = "s3",
            ["Blobs:S3:ServiceUrl"] = "http://127.0.0.1:9000",
            ["Blobs:S3:Bucket"] = "parley",
            ["Blobs:S3:AccessKey"] = "key",
            ["Blobs:S3:SecretKey"] = "secret",
        });

        Assert.IsType<S3BlobStore>(services.GetRequiredService<IBlobStore>());
        Assert.Empty(ConfigurationProblems.Find(services, services.GetRequiredService<IConfiguration>()));
    }

    [Fact]
    public void Provider_s3_without_its_settings_names_every_missing_key()
    {
        var settings = new Dictionary<string, string?> { ["Blobs:Provider"] = "s3", ["Blobs:S3:ServiceUrl"] = "not a url" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddBlobs(configuration);
        using var provider = services.BuildServiceProvider();

        var problems = ConfigurationProblems.Find(provider, configuration);

        Assert.Equal(
            [
                "Blobs:S3:ServiceUrl: must be an absolute http(s) URL",
                "Blobs:S3:Bucket: required when Blobs:Provider is 's3'",
                "Blobs:S3:AccessKey: required when Blobs:Provider is 's3'",
                "Blobs:S3:SecretKey: required when Blobs:Provider is 's3'",
            ],
            problems);
    }

    [Fact]
    public void An_unknown_provider_is_a_configuration_problem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Blobs:Provider"] = "ftp" }).Build();
        var services = new ServiceCollection();
        services.AddBlobs(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Contains("Blobs:Provider: must be 'filesystem' or 's3'", ConfigurationProblems.Find(provider, configuration));
    }
}
