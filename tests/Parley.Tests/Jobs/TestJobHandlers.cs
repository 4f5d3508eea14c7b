using System.Collections.Concurrent;
using Parley.Core.Jobs;

namespace Parley.Tests.Jobs;

/// <summary>What the test handlers saw, shared by the test and the app (and across a restart).</summary>
public sealed class JobRecorder
{
    public ConcurrentQueue<(Guid JobId, int Attempt, string Note)> Runs { get; } = new();

    public int CountOf(Guid jobId) => Runs.Count(r => r.JobId == jobId);
}

public sealed record NotePayload(string Note);

/// <summary><c>test.record</c>: notes each run.</summary>
public sealed class RecordingHandler(JobRecorder recorder) : IJobHandler
{
    public const string JobKind = "test.record";

    public string Kind => JobKind;

    public Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        recorder.Runs.Enqueue((job.Job.Id, job.Attempt, job.Payload<NotePayload>().Note));
        return Task.CompletedTask;
    }
}

/// <summary><c>test.fail</c>: always throws.</summary>
public sealed class FailingHandler(JobRecorder recorder) : IJobHandler
{
    public const string JobKind = "test.fail";

    public string Kind => JobKind;

    public Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        recorder.Runs.Enqueue((job.Job.Id, job.Attempt, "fail"));
        throw new InvalidOperationException("boom");
    }
}

/// <summary><c>test.later</c>: asks to be retried in seven minutes.</summary>
public sealed class RetryLaterHandler : IJobHandler
{
    public const string JobKind = "test.later";
    public static readonly TimeSpan Delay = TimeSpan.FromMinutes(7);

    public string Kind => JobKind;

    public Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken) =>
        throw new JobRetryException(Delay, "receiver busy");
}

/// <summary>Counts how many <c>test.gate</c> jobs run at once; each waits for the gate to open.</summary>
public sealed class JobGate
{
    private int _running;
    private int _maxRunning;

    public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Running => Volatile.Read(ref _running);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }
        try
        {
            await Open.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

/// <summary><c>test.gate</c>: waits at the <see cref="JobGate"/>; the first run ever is also noted by the recorder.</summary>
public sealed class GateHandler(JobGate gate, JobRecorder recorder) : IJobHandler
{
    public const string JobKind = "test.gate";

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        recorder.Runs.Enqueue((job.Job.Id, job.Attempt, "started"));
        await gate.PassAsync(cancellationToken);
    }
}
