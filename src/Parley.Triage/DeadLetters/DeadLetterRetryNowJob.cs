using Parley.Core.Jobs;

namespace Parley.Triage.DeadLetters;

/// <summary>An operator's "retry now" of one dead letter, run at once rather than at the next minute.</summary>
internal sealed class DeadLetterRetryNowJob(DeadLetterQueue queue) : IJobHandler
{
    public const string JobKind = "triage.dead_letter.retry_now";

    public sealed record Payload(long Id);

    public string Kind => JobKind;

    public Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken) =>
        queue.RetryAsync(job.Payload<Payload>().Id, cancellationToken);
}
