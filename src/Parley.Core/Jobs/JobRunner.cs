using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Storage;

namespace Parley.Core.Jobs;

/// <summary>
/// Runs due jobs from every module's outbox, up to <see cref="JobsOptions.Concurrency"/> at once.
/// It polls on an interval and wakes early when a job is enqueued on this node. Due times come
/// from the injected <see cref="TimeProvider"/>; the poll itself waits in real time, so a test
/// that moves a fake clock sees its jobs run on the next poll.
/// </summary>
internal sealed partial class JobRunner(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleDatabase> modules,
    JobHandlerRegistry handlers,
    IEnumerable<RecurringJob> recurring,
    JobSignal signal,
    JobMetrics metrics,
    TimeProvider clock,
    IOptions<JobsOptions> options,
    ILogger<JobRunner> logger) : BackgroundService
{
    private const int MaxErrorLength = 2000;
    private readonly IReadOnlyList<ModuleDatabase> _modules = modules.ToList();
    private readonly Dictionary<string, RecurringJob> _recurring = recurring.ToDictionary(r => r.Kind, StringComparer.Ordinal);
    private readonly JobsOptions _options = options.Value;

    /// <summary>Who holds a claimed job: this runner, unique across nodes and restarts.</summary>
    public string NodeId { get; } = CreateNodeId();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }
        using var slots = new SemaphoreSlim(_options.Concurrency);
        var inFlight = new List<Task>();
        var pollInterval = TimeSpan.FromMilliseconds(_options.PollIntervalMilliseconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var claimedAny = false;
                foreach (var module in _modules)
                {
                    await slots.WaitAsync(stoppingToken);
                    var job = await TryClaimAsync(module, stoppingToken);
                    if (job is null)
                    {
                        slots.Release();
                        continue;
                    }
                    claimedAny = true;
                    inFlight.RemoveAll(t => t.IsCompleted);
                    inFlight.Add(RunInSlotAsync(module, job, slots, stoppingToken));
                }
                if (!claimedAny)
                {
                    await signal.WaitAsync(pollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: let the jobs in flight hand themselves back.
        }
        await Task.WhenAll(inFlight);
    }

    private async Task<Job?> TryClaimAsync(ModuleDatabase module, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            return await JobClaim.NextAsync(db, NodeId, Now(), TimeSpan.FromSeconds(_options.LeaseSeconds), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogClaimFailed(ex, module.Name);
            return null;
        }
    }

    private async Task RunInSlotAsync(ModuleDatabase module, Job job, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            // Off the polling loop at once, even if the handler starts with synchronous work.
            await Task.Yield();
            await RunAsync(module, job, stoppingToken);
        }
        catch (Exception ex)
        {
            // Bookkeeping failed (database gone?); the lease expiring hands the job to a runner again.
            LogBookkeepingFailed(ex, job.Id, job.Kind);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task RunAsync(ModuleDatabase module, Job job, CancellationToken stoppingToken)
    {
        if (!handlers.TryGet(job.Kind, out var handlerType))
        {
            LogUnknownKind(job.Id, job.Kind);
            await FinishAsync(module, job, JobStates.Dead, null, $"No handler is registered for job kind '{job.Kind}'.", TimeSpan.Zero);
            return;
        }
        if (job.Attempts > job.MaxAttempts)
        {
            // Only lost leases get here: the attempt that would pass the limit never starts.
            await FinishAsync(module, job, JobStates.Dead, null, job.LastError ?? "Out of attempts.", TimeSpan.Zero);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var handler = (IJobHandler)scope.ServiceProvider.GetRequiredService(handlerType);
            await handler.ExecuteAsync(new JobExecution(job, module.Name, db), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(module, job);
            return;
        }
        catch (JobRetryException retry)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            await FailAsync(module, job, retry.Message, retry.Delay, elapsed);
            return;
        }
        catch (Exception ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            LogJobFailed(ex, job.Id, job.Kind, job.Attempts, job.MaxAttempts);
            var backoff = JobBackoff.Delay(job.Attempts, TimeSpan.FromSeconds(_options.RetryBaseSeconds), TimeSpan.FromSeconds(_options.RetryMaxSeconds), Random.Shared);
            await FailAsync(module, job, Describe(ex), backoff, elapsed);
            return;
        }
        await FinishAsync(module, job, JobStates.Succeeded, null, job.LastError, Stopwatch.GetElapsedTime(started));
    }

    private Task FailAsync(ModuleDatabase module, Job job, string error, TimeSpan retryAfter, TimeSpan elapsed) =>
        job.Attempts < job.MaxAttempts
            ? FinishAsync(module, job, JobStates.Pending, Now() + retryAfter, error, elapsed)
            : FinishAsync(module, job, JobStates.Dead, null, error, elapsed);

    /// <summary>Records an attempt's outcome, if this runner still holds the job.</summary>
    private async Task FinishAsync(ModuleDatabase module, Job job, string state, DateTime? retryAt, string? error, TimeSpan elapsed)
    {
        var now = Now();
        var completedAt = state == JobStates.Pending ? (DateTime?)null : now;
        var dueAt = retryAt ?? job.DueAt;
        error = Truncate(error);
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        var updated = await HeldByThisRunner(db, job).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, state)
            .SetProperty(j => j.DueAt, dueAt)
            .SetProperty(j => j.LastError, error)
            .SetProperty(j => j.LockedBy, (string?)null)
            .SetProperty(j => j.LockedUntil, (DateTime?)null)
            .SetProperty(j => j.CompletedAt, completedAt)
            .SetProperty(j => j.UpdatedAt, now));
        if (updated == 0)
        {
            LogLeaseLost(job.Id, job.Kind);
            return;
        }
        metrics.Executed(job.Kind, state == JobStates.Pending ? "retry" : state, elapsed);
        if (state != JobStates.Pending && _recurring.TryGetValue(job.Kind, out var next))
        {
            var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            await next.EnsureScheduledAsync(core, now, CancellationToken.None);
        }
    }

    /// <summary>Hands a job interrupted by shutdown back, without counting the attempt.</summary>
    private async Task ReleaseAsync(ModuleDatabase module, Job job)
    {
        var now = Now();
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        await HeldByThisRunner(db, job).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobStates.Pending)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1)
            .SetProperty(j => j.LockedBy, (string?)null)
            .SetProperty(j => j.LockedUntil, (DateTime?)null)
            .SetProperty(j => j.UpdatedAt, now));
    }

    // The claim stamped the node and the attempt; if either changed, the lease ran out and
    // someone else owns the job now, so this runner must not touch it.
    private IQueryable<Job> HeldByThisRunner(ModuleDbContext db, Job job)
    {
        var node = NodeId;
        return db.Jobs.Where(j => j.Id == job.Id && j.LockedBy == node && j.Attempts == job.Attempts && j.State == JobStates.Running);
    }

    private static string CreateNodeId()
    {
        var id = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return id.Length <= 128 ? id : id[^128..];
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    internal static string Describe(Exception ex) => $"{ex.GetType().FullName}: {ex.Message}";

    private static string? Truncate(string? error) => error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) failed on attempt {Attempt} of {MaxAttempts}")]
    private partial void LogJobFailed(Exception ex, Guid jobId, string kind, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} has kind {Kind}, which no handler runs; it is dead")]
    private partial void LogUnknownKind(Guid jobId, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not claim jobs from the {Module} database")]
    private partial void LogClaimFailed(Exception ex, string module);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the outcome of job {JobId} ({Kind}); it will be retried when its lease expires")]
    private partial void LogBookkeepingFailed(Exception ex, Guid jobId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) outlived its lease and was taken by another runner; its outcome here is dropped")]
    private partial void LogLeaseLost(Guid jobId, string kind);
}
