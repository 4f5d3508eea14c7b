using System.Collections.Concurrent;
using Parley.Triage.DeadLetters;

namespace Parley.Triage.Tests.DeadLetters;

/// <summary>
/// A stand-in for the processing pipeline: each retry takes the next scripted outcome (an error message fails it, null
/// succeeds), optionally holding until released so a test can see the entry <c>retrying</c>.
/// </summary>
internal sealed class ScriptedReprocessor : IDeadLetterReprocessor
{
    private readonly ConcurrentQueue<string?> _outcomes = new();

    public ConcurrentQueue<DeadLetterItem> Calls { get; } = new();

    /// <summary>When set, each retry waits for it before finishing.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public ScriptedReprocessor Then(params string?[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _outcomes.Enqueue(outcome);
        }
        return this;
    }

    public async Task ReprocessAsync(DeadLetterItem item, CancellationToken cancellationToken)
    {
        Calls.Enqueue(item);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        if (!_outcomes.TryDequeue(out var error))
        {
            throw new InvalidOperationException("no outcome scripted for this retry");
        }
        if (error is not null)
        {
            throw new IOException(error);
        }
    }
}
