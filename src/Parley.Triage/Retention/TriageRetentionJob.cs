using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Jobs;
using Parley.Triage.Configuration;
using Parley.Triage.Storage;

namespace Parley.Triage.Retention;

/// <summary>
/// Hourly: forgets processed Message-IDs older than <c>state.processed_ttl</c>, deletes audit entries older than
/// <c>state.audit_retention</c> and expired dashboard sessions. Reads the options in force on each run (live settings). Dead letters are never deleted (the seed keeps them).
/// </summary>
internal sealed partial class TriageRetentionJob(TriageDbContext db, TimeProvider clock, IOptionsMonitor<TriageOptions> options, ILogger<TriageRetentionJob> logger) : IJobHandler
{
    public const string JobKind = "triage.retention";
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var state = options.CurrentValue.State;
        var processedCutoff = (now - state.ProcessedTtl.Value).ToUnixTimeSeconds();
        var auditCutoff = (now - state.AuditRetention.Value).ToUnixTimeSeconds();
        var nowSeconds = now.ToUnixTimeSeconds();

        var processed = await db.ProcessedMessages.Where(p => p.ProcessedAt < processedCutoff).ExecuteDeleteAsync(cancellationToken);
        var audit = await db.AuditLog.Where(a => a.CreatedAt < auditCutoff).ExecuteDeleteAsync(cancellationToken);
        // Forwards sent are remembered as long as processed Message-IDs: the same guard against doing it twice.
        processed += await db.ForwardedMessages.Where(f => f.ForwardedAt < processedCutoff).ExecuteDeleteAsync(cancellationToken);
        var sessions = await db.DashboardSessions.Where(s => s.ExpiresAt <= nowSeconds).ExecuteDeleteAsync(cancellationToken);
        if (processed + audit + sessions > 0)
        {
            LogDeleted(processed, audit, sessions);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Triage retention: forgot {Processed} processed messages, deleted {Audit} audit entries and {Sessions} expired dashboard sessions")]
    private partial void LogDeleted(int processed, int audit, int sessions);
}
