using Parley.Triage.Imap;

namespace Parley.Triage.Pipeline;

/// <summary>
/// One account while Triage runs it: its watchers (one per folder), its action connection, the
/// <c>concurrency_limit</c> gate, and what the account endpoints report. Watching stops with <see cref="Watching"/>;
/// emails in flight keep going until <see cref="Processing"/> is cancelled (after <c>shutdown.timeout</c>).
/// </summary>
internal sealed class AccountRuntime(TriageAccount account, ActionConnection connection) : IAsyncDisposable
{
    public TriageAccount Account { get; } = account;
    public ActionConnection Connection { get; } = connection;

    /// <summary>Emails of this account being processed at once: across its folders, dead-letter retries included.</summary>
    public SemaphoreSlim Concurrency { get; } = new(account.ConcurrencyLimit, account.ConcurrencyLimit);

    /// <summary>Cancelled when the account's processing must stop now (shutdown timeout passed, account removed).</summary>
    public CancellationTokenSource Processing { get; set; } = new();

    public CancellationTokenSource? Watching { get; set; }
    public IReadOnlyList<ImapFolderWatcher> Watchers { get; set; } = [];
    public Task Running { get; set; } = Task.CompletedTask;
    public bool Paused { get; set; }

    /// <summary>The last processing failure (an email sent to the dead letter), for the dashboard.</summary>
    public string? LastProcessingError { get; set; }

    private int _inFlight;
    public int InFlight => Volatile.Read(ref _inFlight);
    public int MaxInFlight { get; private set; }

    public void Entered()
    {
        var now = Interlocked.Increment(ref _inFlight);
        lock (this)
        {
            MaxInFlight = Math.Max(MaxInFlight, now);
        }
    }

    public void Left() => Interlocked.Decrement(ref _inFlight);

    public async ValueTask DisposeAsync()
    {
        Processing.Dispose();
        Watching?.Dispose();
        await Connection.DisposeAsync();
    }
}
