using System.Diagnostics.Metrics;

namespace Parley.Triage.Classification;

/// <summary>
/// Classification's instruments on the <c>Parley.Triage</c> meter (Core exports <c>Parley.*</c> meters at /metrics):
/// outcomes, latency, LLM tokens and errors. Tags never carry an email's content.
/// </summary>
public sealed class ClassificationMetrics
{
    public const string MeterName = "Parley.Triage";

    private readonly Counter<long> _classifications;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _llmDuration;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _llmErrors;

    public ClassificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _classifications = meter.CreateCounter<long>("parley.triage.classifications", description: "Emails classified, by account, source and outcome.");
        _duration = meter.CreateHistogram<double>("parley.triage.classification.duration", unit: "s", description: "Time to classify one email, rules and LLM together.");
        _llmDuration = meter.CreateHistogram<double>("parley.triage.llm.request.duration", unit: "s", description: "Time of one LLM request, rate-limit waits excluded.");
        _tokens = meter.CreateCounter<long>("parley.triage.llm.tokens", unit: "{token}", description: "Tokens the LLM reported, by provider, model and kind (input/output).");
        _llmErrors = meter.CreateCounter<long>("parley.triage.llm.errors", description: "LLM requests or replies that failed, by provider and failure code.");
    }

    public void Classified(string account, ClassificationOutcome outcome, TimeSpan elapsed)
    {
        var source = outcome.Source?.Kind.ToString().ToLowerInvariant() ?? "none";
        var result = outcome switch
        {
            ClassificationDecision { BelowMinimumConfidence: true } => "low_confidence",
            ClassificationDecision => "decided",
            ClassificationFailure failure => failure.CodeName,
            _ => "unknown",
        };
        _classifications.Add(1, new("account", account), new("source", source), new("outcome", result));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("account", account), new("source", source));
    }

    public void LlmRequest(string provider, string model, TimeSpan elapsed, long? inputTokens, long? outputTokens)
    {
        _llmDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("provider", provider), new("model", model));
        if (inputTokens is { } input) _tokens.Add(input, new("provider", provider), new("model", model), new("kind", "input"));
        if (outputTokens is { } output) _tokens.Add(output, new("provider", provider), new("model", model), new("kind", "output"));
    }

    public void LlmError(string provider, string code) => _llmErrors.Add(1, new KeyValuePair<string, object?>("provider", provider), new("code", code));
}
