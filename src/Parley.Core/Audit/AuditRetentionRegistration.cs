using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Configuration;
using Parley.Core.Jobs;

namespace Parley.Core.Audit;

public static class AuditRetentionRegistration
{
    /// <summary>The <c>Audit</c> options and the daily job that enforces <see cref="AuditOptions.RetentionDays"/>.</summary>
    public static IServiceCollection AddAuditRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuditOptions>(configuration, AuditOptions.Section);
        services.AddRecurringJob<AuditRetentionJob>(AuditRetentionJob.JobKind, AuditRetentionJob.Interval);
        return services;
    }
}
