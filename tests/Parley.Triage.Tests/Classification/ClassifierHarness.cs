using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Parley.Triage.Actions;
using Parley.Triage.Classification;
using Parley.Triage.Classification.Rules;

namespace Parley.Triage.Tests.Classification;

/// <summary>The classifier as Triage registers it, wired to a <see cref="FakeLlmServer"/> on loopback.</summary>
internal sealed class ClassifierHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-test-secret-key";
    private readonly ServiceProvider _services;

    private ClassifierHarness(FakeLlmServer server, ServiceProvider services)
    {
        Server = server;
        _services = services;
        Classifier = services.GetRequiredService<TriageClassifier>();
    }

    public FakeLlmServer Server { get; }
    public TriageClassifier Classifier { get; }

    public static async Task<ClassifierHarness> StartAsync()
    {
        var server = await FakeLlmServer.StartAsync();
        var services = new ServiceCollection().AddLogging().AddTriageClassification().BuildServiceProvider();
        return new ClassifierHarness(server, services);
    }

    public LlmProviderSettings OpenAi(string name = "fake", int? rpm = null, TimeSpan? timeout = null, int maxBodyTokens = 4000,
        int maxRateLimitRetries = 3) =>
        new(name, LlmProviderKind.OpenAiCompatible, Server.ChatCompletionsUrl, ApiKey, "fake-model", maxBodyTokens, rpm,
            timeout ?? TimeSpan.FromSeconds(20), maxRateLimitRetries);

    public LlmProviderSettings Anthropic(string name = "fake-anthropic") =>
        new(name, LlmProviderKind.Anthropic, Server.MessagesUrl, ApiKey, "claude-fake", Timeout: TimeSpan.FromSeconds(20));

    public static ClassifierSettings Settings(LlmProviderSettings? provider, RuleSet? rules = null) => new(
        "work",
        new HashSet<TriageActionKind>
        {
            TriageActionKind.None, TriageActionKind.Move, TriageActionKind.Flag, TriageActionKind.MarkRead,
            TriageActionKind.Archive, TriageActionKind.Spam,
        },
        ["work", "newsletter", "spam"],
        ["Work", "Newsletters", "Review"],
        MinimumConfidence: 0.5,
        ReviewFolder: null,
        Prompt: "Sort the mail of a small company.",
        provider,
        Model: null,
        Private: false,
        PrivateSenders: [],
        rules ?? RuleSet.Empty);

    public const string ValidReply =
        """{"actions":[{"type":"move","folder":"Work"},{"type":"flag","flags":["\\Flagged"]}],"category":"work","confidence":0.92,"reasoning":"A colleague's report."}""";

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
