namespace Parley.Core.Jobs;

/// <summary>Wakes this node's runner when a job is enqueued here, so it need not wait for the next poll.</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);
    private readonly Lock _gate = new();

    public void Notify()
    {
        lock (_gate)
        {
            if (_pending.CurrentCount == 0)
            {
                _pending.Release();
            }
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
