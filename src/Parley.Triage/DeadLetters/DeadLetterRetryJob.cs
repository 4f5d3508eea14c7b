using Parley.Core.Jobs;

namespace Parley.Triage.DeadLetters;

/// <summary>Every minute: retries the dead letters whose <c>next_retry_at</c> has come, a batch at a time.</summary>
internal sealed class DeadLetterRetryJob(DeadLetterQueue queue) : IJobHandler
{
    public const string JobKind = "triage.dead_letter.retry";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>At most this many per run; the rest wait for the next minute.</summary>
    private const int BatchSize = 100;

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        foreach (var id in await queue.DueAsync(BatchSize, cancellationToken))
        {
            await queue.RetryAsync(id, cancellationToken);
        }
    }
}
