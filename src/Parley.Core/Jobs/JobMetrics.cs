using System.Diagnostics.Metrics;

namespace Parley.Core.Jobs;

/// <summary>The <c>Parley.Jobs</c> meter, exported on <c>/metrics</c> with the other <c>Parley.</c> meters.</summary>
internal sealed class JobMetrics
{
    public const string MeterName = "Parley.Jobs";

    private readonly Counter<long> _executed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;

    public JobMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _executed = meter.CreateCounter<long>("parley.jobs.executed", "{job}", "Job attempts that ran to an outcome.");
        _failed = meter.CreateCounter<long>("parley.jobs.failed", "{job}", "Job attempts that failed (retried or dead).");
        _duration = meter.CreateHistogram<double>("parley.jobs.duration", "s", "How long job attempts took.");
    }

    /// <param name="outcome"><c>succeeded</c>, <c>retry</c> or <c>dead</c>.</param>
    public void Executed(string kind, string outcome, TimeSpan elapsed)
    {
        var tags = new KeyValuePair<string, object?>[] { new("kind", kind), new("outcome", outcome) };
        _executed.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
        if (outcome != JobStates.Succeeded)
        {
            _failed.Add(1, tags);
        }
    }
}
