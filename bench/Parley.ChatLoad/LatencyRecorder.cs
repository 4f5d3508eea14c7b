using System.Diagnostics;

namespace Parley.ChatLoad;

/// <summary>
/// Send-to-receive latencies of every delivery, in Stopwatch ticks. Sender and receivers share this
/// process and its clock, so a timestamp in the message body is all a receiver needs.
/// </summary>
internal sealed class LatencyRecorder(long expected)
{
    private readonly long[] _ticks = new long[expected];
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _count;
    private long _lastReceived;

    public long Count => Math.Min(Interlocked.Read(ref _count), _ticks.Length);

    /// <summary>When the last delivery arrived (Stopwatch timestamp).</summary>
    public long LastReceived => Interlocked.Read(ref _lastReceived);

    public Task AllReceived => _all.Task;

    public void Received(long sentTimestamp)
    {
        var now = Stopwatch.GetTimestamp();
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _ticks.Length)
        {
            _ticks[index] = now - sentTimestamp;
        }
        Interlocked.Exchange(ref _lastReceived, now);
        if (index + 1 == _ticks.Length)
        {
            _all.TrySetResult();
        }
    }

    /// <summary>The p-th percentile (0..100) in milliseconds of what was received.</summary>
    public (double P50, double P99, double Max) Percentiles()
    {
        var sorted = _ticks.AsSpan(0, (int)Count).ToArray();
        if (sorted.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }
        Array.Sort(sorted);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double At(double p) => Ms(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)]);
        return (At(50), At(99), Ms(sorted[^1]));
    }
}
