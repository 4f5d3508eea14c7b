using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Triage.Actions;
using Parley.Triage.Classification;
using Parley.Triage.DeadLetters;
using Parley.Triage.Storage;

namespace Parley.Triage.Pipeline;

/// <summary>
/// The pipeline's instruments, on the same <c>Parley.Triage</c> meter as classification's (the meter factory hands out
/// one meter per name): emails processed by account and action, processing latency, and the dead letter's size.
/// </summary>
internal sealed class PipelineMetrics
{
    private readonly Counter<long> _processed;
    private readonly Histogram<double> _duration;
    private readonly IServiceScopeFactory _scopes;

    public PipelineMetrics(IMeterFactory meters, IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        var meter = meters.Create(ClassificationMetrics.MeterName);
        _processed = meter.CreateCounter<long>("parley.triage.emails.processed",
            description: "Emails processed, by account and action (failed: sent to the dead letter).");
        _duration = meter.CreateHistogram<double>("parley.triage.processing.duration", unit: "s",
            description: "Time to process one email: classify, act, record.");
        meter.CreateObservableGauge("parley.triage.dead_letters", DeadLetters,
            description: "Dead letters not yet resolved (pending or retrying), by account.");
    }

    public void Processed(string account, IReadOnlyList<TriageAction> actions, ProcessingStatus status, TimeSpan elapsed)
    {
        var outcome = status == ProcessingStatus.Failed ? "failed" : "done";
        if (status == ProcessingStatus.Failed || actions.Count == 0)
        {
            _processed.Add(1, new("account", account), new("action", outcome == "failed" ? "failed" : "none"));
        }
        else
        {
            foreach (var kind in actions.Select(a => TriageActionNames.Of(a.Kind)).Distinct())
            {
                _processed.Add(1, new("account", account), new("action", kind));
            }
        }
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("account", account), new("outcome", outcome));
    }

    /// <summary>Read at scrape time (a scrape is rare; the count is one indexed query).</summary>
    private IEnumerable<Measurement<long>> DeadLetters()
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var counts = db.DeadLetters.AsNoTracking()
            .Where(d => d.RetryStatus == DeadLetterStatus.Pending || d.RetryStatus == DeadLetterStatus.Retrying)
            .GroupBy(d => d.AccountName)
            .Select(g => new { Account = g.Key, Count = g.LongCount() })
            .ToList();
        return counts.Select(c => new Measurement<long>(c.Count, new KeyValuePair<string, object?>("account", c.Account)));
    }
}
