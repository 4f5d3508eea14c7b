using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Core.Blobs;

public static class BlobsRegistration
{
    public static IServiceCollection AddBlobs(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
