using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Configuration;
using Parley.Core.Storage;

namespace Parley.Core.Blobs;

/// <summary>The blob store configuration chose: files under the data directory, or an S3-compatible bucket.</summary>
public static class BlobsRegistration
{
    public static IServiceCollection AddBlobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BlobsOptions>(configuration, BlobsOptions.Section);
        services.AddSingleton<IValidateOptions<BlobsOptions>, BlobsOptionsValidator>();
        services.AddSingleton<IBlobStore>(sp =>
        {
            var blobs = sp.GetRequiredService<IOptions<BlobsOptions>>().Value;
            if (blobs.IsS3)
            {
                return S3BlobStore.Create(blobs);
            }
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new FileSystemBlobStore(FileSystemBlobStore.RootFor(blobs, storage), blobs.MaxBlobBytes);
        });
        return services;
    }
}
