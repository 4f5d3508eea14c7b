using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Core.Audit;
using Parley.Core.Configuration;

namespace Parley.Core.Jobs;

/// <summary>The durable job queue: the runner, the handlers, recurring work and the admin listing.</summary>
public static class JobsRegistration
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JobsOptions>(configuration, JobsOptions.Section);
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton<JobSignal>();
        services.TryAddSingleton<JobQueue>();
        services.TryAddSingleton<JobMetrics>();
        services.TryAddSingleton<JobHandlerRegistry>();
        services.AddHostedService<RecurringJobScheduler>();
        services.AddHostedService<JobRunner>();
        services.AddRecurringJob<JobCleanupJob>(JobCleanupJob.JobKind, JobCleanupJob.Interval);
        return services;
    }

    /// <summary>Registers a handler for the job kind it names; it is resolved in a fresh scope per execution.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new JobHandlerType(typeof(THandler)));
        return services;
    }

    /// <summary>Registers <typeparamref name="THandler"/> and runs it every <paramref name="interval"/>, on one node at a time.</summary>
    public static IServiceCollection AddRecurringJob<THandler>(this IServiceCollection services, string kind, TimeSpan interval)
        where THandler : class, IJobHandler
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromSeconds(1));
        services.AddJobHandler<THandler>();
        services.AddSingleton(new RecurringJob(kind, interval));
        return services;
    }

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder endpoints)
    {
        JobsApi.Map(endpoints);
        return endpoints;
    }
}
