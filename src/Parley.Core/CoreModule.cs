using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Blobs;
using Parley.Core.Configuration;
using Parley.Core.Events;
using Parley.Core.Http;
using Parley.Core.Jobs;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Core.Webhooks;

namespace Parley.Core;

/// <summary>Core's two entry points: what every module stands on.</summary>
public static class CoreModule
{
    public static WebApplicationBuilder AddCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddModuleDbContext<CoreDbContext, SqliteCoreDbContext, PostgresCoreDbContext>(CoreDbContext.ModuleName);
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<InstanceKeyring>();
        services.AddHostedService<DataDirectoryLockHostedService>();
        services.AddHostedService<MigrationHostedService>();

        services.AddParleyHttp(configuration);
        services.AddParleySecurity(configuration);
        services.AddEvents();
        services.AddJobs(configuration);
        services.AddWebhooks(configuration);
        services.AddBlobs(configuration);
        return builder;
    }

    public static WebApplication MapCore(this WebApplication app)
    {
        app.UseParleyHttp();
        app.MapHealth();
        app.MapSecurityApis();
        app.MapJobsApi();
        app.MapWebhooksApi();
        return app;
    }
}
