using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Jobs;
using Parley.Core.Storage;

namespace Parley.Core.Audit;

/// <summary>Daily: deletes audit entries older than <see cref="AuditOptions.RetentionDays"/>.</summary>
internal sealed partial class AuditRetentionJob(CoreDbContext db, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditRetentionJob> logger) : IJobHandler
{
    public const string JobKind = "audit.retention";
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
        var deleted = await db.AuditLog.Where(e => e.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(deleted, options.Value.RetentionDays);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} audit entries older than {Days} days")]
    private partial void LogDeleted(int count, int days);
}
