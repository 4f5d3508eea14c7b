namespace Parley.Core.Jobs;

/// <summary>
/// Runs the jobs of one <see cref="Kind"/>. Resolved in a fresh scope for every execution;
/// register with <see cref="JobsRegistration.AddJobHandler{THandler}"/>. Throwing fails the
/// attempt (retried with backoff); <see cref="JobRetryException"/> picks the delay.
/// </summary>
public interface IJobHandler
{
    /// <summary>The job kind this handler runs, e.g. <c>webhooks.deliver</c>.</summary>
    string Kind { get; }

    Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken);
}
