using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Storage;
using Parley.Core.Webhooks;

namespace Parley.Core.Jobs;

/// <summary>
/// Hourly: empties every module's outbox of what is finished — succeeded and dead jobs, delivered
/// and failed webhook deliveries — once older than <see cref="JobsOptions.KeepCompletedDays"/>.
/// </summary>
internal sealed class JobCleanupJob(IEnumerable<ModuleDatabase> modules, IServiceProvider services, TimeProvider clock, IOptions<JobsOptions> options) : IJobHandler
{
    public const string JobKind = "jobs.cleanup";
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.KeepCompletedDays);
        foreach (var module in modules)
        {
            var db = (ModuleDbContext)services.GetRequiredService(module.ContextType);
            await db.Jobs
                .Where(j => (j.State == JobStates.Succeeded || j.State == JobStates.Dead) && j.CompletedAt < cutoff)
                .ExecuteDeleteAsync(cancellationToken);
            await db.WebhookDeliveries
                .Where(d => d.Status != WebhookDeliveryStates.Pending && d.CreatedAt < cutoff)
                .ExecuteDeleteAsync(cancellationToken);
        }
    }
}
