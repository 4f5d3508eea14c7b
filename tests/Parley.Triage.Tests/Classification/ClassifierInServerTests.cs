using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Parley.Triage.Actions;
using Parley.Triage.Classification;
using Parley.Triage.Classification.Rules;

namespace Parley.Triage.Tests.Classification;

/// <summary>The classifier as the real server registers it: resolvable, and its meter exported at /metrics.</summary>
public sealed class ClassifierInServerTests
{
    [Fact]
    public async Task The_server_provides_the_classifier_and_exports_its_meter()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var classifier = app.Services.GetRequiredService<TriageClassifier>();
        var settings = ClassifierSettings.Default("in-server") with
        {
            Rules = RuleSet.Create([new TriageRule("everything", RuleMatch.All,
                [new RuleCondition(RuleField.Size, RuleOperator.Greater, "0")], [new TriageAction(TriageActionKind.MarkRead)])]),
        };

        var outcome = await classifier.ClassifyAsync(TestEmails.Make(), settings, CancellationToken.None);
        var metrics = await app.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal("everything", outcome.Source?.Rule);
        Assert.Contains("parley_triage_classifications", metrics, StringComparison.Ordinal);
        Assert.Contains("account=\"in-server\"", metrics, StringComparison.Ordinal);
    }
}
