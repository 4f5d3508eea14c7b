using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Parley.Triage.Actions;
using Parley.Triage.Classification;
using Parley.Triage.Classification.Rules;

namespace Parley.Triage.Tests.Classification;

/// <summary>
/// The LLM path against a local OpenAI-compatible (and Anthropic) endpoint started by each test: scripted valid,
/// malformed and disallowed replies, HTTP errors, 429 with Retry-After, a stall. Every failure is a named failure.
/// </summary>
public sealed class LlmClassificationTests
{
    private static ClassificationFailure Failed(ClassificationOutcome outcome, ClassificationFailureCode code)
    {
        var failure = Assert.IsType<ClassificationFailure>(outcome);
        Assert.Equal(code, failure.Code);
        Assert.DoesNotContain(ClassifierHarness.ApiKey, failure.Message, StringComparison.Ordinal);
        return failure;
    }

    [Fact]
    public async Task A_valid_reply_is_a_decision_from_the_provider_and_model()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply(ClassifierHarness.ValidReply);

        var outcome = await harness.Classifier.ClassifyAsync(TestEmails.Make(), ClassifierHarness.Settings(harness.OpenAi()), CancellationToken.None);

        var decision = Assert.IsType<ClassificationDecision>(outcome);
        Assert.Equal(new DecisionSource(DecisionSourceKind.Llm, Provider: "fake", Model: "fake-model"), decision.Source);
        Assert.Equal([new TriageAction(TriageActionKind.Move, Folder: "Work"), new TriageAction(TriageActionKind.Flag, Flags: ["\\Flagged"])],
            decision.Actions, new ActionComparer());
        Assert.Equal("work", decision.Category);
        Assert.Equal(0.92, decision.Confidence);
        Assert.Equal("A colleague's report.", decision.Reasoning);
        Assert.False(decision.BelowMinimumConfidence);
        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ClassifierHarness.ApiKey}", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task The_prompt_holds_the_allowed_actions_categories_folders_schema_and_the_truncated_body()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply(ClassifierHarness.ValidReply);
        var body = string.Concat(Enumerable.Repeat("lorem ipsum ", 1_000)) + "ENDMARK";

        await harness.Classifier.ClassifyAsync(TestEmails.Make(body: body, headers: [new("List-Id", "news.example.com")]),
            ClassifierHarness.Settings(harness.OpenAi(maxBodyTokens: 100)), CancellationToken.None);

        using var json = JsonDocument.Parse(Assert.Single(harness.Server.Requests).Body);
        var messages = json.RootElement.GetProperty("messages");
        var system = messages[0].GetProperty("content").GetString()!;
        var user = messages[1].GetProperty("content").GetString()!;
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.StartsWith("Sort the mail of a small company.", system, StringComparison.Ordinal);
        foreach (var allowed in new[] { "- none:", "- move:", "- flag:", "- mark_read:", "- archive:", "- spam:", "- work", "- newsletter", "- Newsletters" })
            Assert.Contains(allowed, system, StringComparison.Ordinal);
        Assert.DoesNotContain("- delete:", system, StringComparison.Ordinal);
        Assert.DoesNotContain("- forward:", system, StringComparison.Ordinal);
        Assert.Contains("\"confidence\"", system, StringComparison.Ordinal);

        Assert.Contains("Subject: Quarterly report", user, StringComparison.Ordinal);
        Assert.Contains("From: Alice Example <alice@example.com>", user, StringComparison.Ordinal);
        Assert.Contains("List-Id: news.example.com", user, StringComparison.Ordinal);
        Assert.Contains("[body truncated:", user, StringComparison.Ordinal);
        Assert.DoesNotContain("ENDMARK", user, StringComparison.Ordinal);
        var sentBody = user[(user.IndexOf("Body:", StringComparison.Ordinal) + 5)..user.IndexOf("[body truncated:", StringComparison.Ordinal)].Trim();
        Assert.InRange(sentBody.Length, 320, 400); // 100 tokens ≈ 400 characters, cut at a word

        var format = json.RootElement.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("triage_decision", format.GetProperty("json_schema").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_not_json_failure()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply("""{"actions": [{"type": "move", "folder": "Work"}], "confidence": 0.9""");

        var outcome = await harness.Classifier.ClassifyAsync(TestEmails.Make(), ClassifierHarness.Settings(harness.OpenAi()), CancellationToken.None);

        var failure = Failed(outcome, ClassificationFailureCode.NotJson);
        Assert.Equal("not_json", failure.CodeName);
        Assert.Equal("fake", failure.Source?.Provider);
    }

    [Fact]
    public async Task A_disallowed_action_is_an_action_not_allowed_failure()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply("""{"actions":[{"type":"delete"}],"category":"spam","confidence":0.99,"reasoning":"Junk."}""");

        var outcome = await harness.Classifier.ClassifyAsync(TestEmails.Make(), ClassifierHarness.Settings(harness.OpenAi()), CancellationToken.None);

        Assert.Contains("'delete'", Failed(outcome, ClassificationFailureCode.ActionNotAllowed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confidence_outside_zero_to_one_is_a_named_failure()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply("""{"actions":[{"type":"archive"}],"category":"work","confidence":1.7,"reasoning":"Sure."}""");

        var outcome = await harness.Classifier.ClassifyAsync(TestEmails.Make(), ClassifierHarness.Settings(harness.OpenAi()), CancellationToken.None);

        Assert.Contains("1.7", Failed(outcome, ClassificationFailureCode.ConfidenceOutOfRange).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_500_is_a_provider_error_after_one_request_no_hidden_sdk_retries()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Status(500).Reply(ClassifierHarness.ValidReply);

        var outcome = await harness.Classifier.ClassifyAsync(TestEmails.Make(), ClassifierHarness.Settings(harness.OpenAi()), CancellationToken.None);

        Assert.Contains("HTTP 500", Failed(outcome, ClassificationFailureCode.ProviderError).Message, StringComparison.Ordinal);
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task A_429_is_waited_out_for_its_retry_after_then_the_request_succeeds()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Status(429, retryAfterSeconds: 1).Reply(ClassifierHarness.ValidReply);

        var outcome = await harness.Classifier.ClassifyAsync(TestEmails.Make(), ClassifierHarness.Settings(harness.OpenAi()), CancellationToken.None);

        Assert.IsType<ClassificationDecision>(outcome);
        var requests = harness.Server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.True(Stopwatch.GetElapsedTime(requests[0].Timestamp, requests[1].Timestamp) >= TimeSpan.FromMilliseconds(950),
            "the second request must wait for Retry-After: 1");
    }

    [Fact]
    public async Task Repeated_429s_or_a_retry_after_beyond_the_limit_are_a_rate_limited_failure()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Status(429, retryAfterSeconds: 0).Status(429, retryAfterSeconds: 0);

        var outcome = await harness.Classifier.ClassifyAsync(TestEmails.Make(),
            ClassifierHarness.Settings(harness.OpenAi(maxRateLimitRetries: 1)), CancellationToken.None);

        Failed(outcome, ClassificationFailureCode.RateLimited);
        Assert.Equal(2, harness.Server.Requests.Count);

        harness.Server.Status(429, retryAfterSeconds: 3_600);
        var tooLong = await harness.Classifier.ClassifyAsync(TestEmails.Make(),
            ClassifierHarness.Settings(harness.OpenAi(name: "other")), CancellationToken.None);
        Assert.Contains("3600", Failed(tooLong, ClassificationFailureCode.RateLimited).Message, StringComparison.Ordinal);
        Assert.Equal(3, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_in_time_is_a_timeout_failure()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Stall(TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();

        var outcome = await harness.Classifier.ClassifyAsync(TestEmails.Make(),
            ClassifierHarness.Settings(harness.OpenAi(timeout: TimeSpan.FromMilliseconds(300))), CancellationToken.None);

        Failed(outcome, ClassificationFailureCode.Timeout);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {watch.Elapsed}");
    }

    [Fact]
    public async Task A_private_account_or_sender_sends_nothing_to_the_llm_and_is_left_alone()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply(ClassifierHarness.ValidReply);
        var settings = ClassifierHarness.Settings(harness.OpenAi());

        var account = await harness.Classifier.ClassifyAsync(TestEmails.Make(), settings with { Private = true }, CancellationToken.None);
        var sender = await harness.Classifier.ClassifyAsync(TestEmails.Make(from: "Doctor <dr@clinic.example>"),
            settings with { PrivateSenders = ["@CLINIC.example"] }, CancellationToken.None);
        var byRule = await harness.Classifier.ClassifyAsync(TestEmails.Make(), settings with
        {
            Private = true,
            Rules = RuleSet.Create([new TriageRule("reports", RuleMatch.All,
                [new RuleCondition(RuleField.Subject, RuleOperator.Contains, "report")], [new TriageAction(TriageActionKind.Archive)])]),
        }, CancellationToken.None);

        foreach (var outcome in new[] { account, sender })
        {
            var decision = Assert.IsType<ClassificationDecision>(outcome);
            Assert.Equal(DecisionSourceKind.Private, decision.Source.Kind);
            Assert.Equal(TriageActionKind.None, Assert.Single(decision.Actions).Kind);
        }
        Assert.Equal("reports", Assert.IsType<ClassificationDecision>(byRule).Source.Rule);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task A_matching_rule_decides_without_asking_the_llm_and_without_a_provider_nothing_else_decides()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        var rules = RuleSet.Create([new TriageRule("newsletters", RuleMatch.Any,
            [new RuleCondition(RuleField.Header, RuleOperator.Contains, "news", Header: "List-Id")],
            [new TriageAction(TriageActionKind.Move, Folder: "Newsletters")], "newsletter")]);
        var settings = ClassifierHarness.Settings(harness.OpenAi(), rules);

        var outcome = await harness.Classifier.ClassifyAsync(TestEmails.Make(headers: [new("List-Id", "news.example.com")]), settings, CancellationToken.None);
        var noProvider = await harness.Classifier.ClassifyAsync(TestEmails.Make(), settings with { Provider = null }, CancellationToken.None);

        Assert.Equal("newsletters", Assert.IsType<ClassificationDecision>(outcome).Source.Rule);
        Assert.Equal(ClassificationFailureCode.NoProvider, Assert.IsType<ClassificationFailure>(noProvider).Code);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Below_the_minimum_confidence_the_email_is_left_alone_or_sent_to_the_review_folder()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        const string unsure = """{"actions":[{"type":"move","folder":"Work"}],"category":"work","confidence":0.3,"reasoning":"Maybe."}""";
        harness.Server.Reply(unsure).Reply(unsure);
        var settings = ClassifierHarness.Settings(harness.OpenAi());

        var alone = Assert.IsType<ClassificationDecision>(await harness.Classifier.ClassifyAsync(TestEmails.Make(), settings, CancellationToken.None));
        var review = Assert.IsType<ClassificationDecision>(await harness.Classifier.ClassifyAsync(TestEmails.Make(),
            settings with { ReviewFolder = "Review" }, CancellationToken.None));

        Assert.True(alone.BelowMinimumConfidence);
        Assert.Equal(TriageActionKind.None, Assert.Single(alone.Actions).Kind);
        Assert.Equal("Work", Assert.Single(alone.ProposedActions!).Folder);
        Assert.Equal(new TriageAction(TriageActionKind.Move, Folder: "Review"), Assert.Single(review.Actions));
        Assert.Equal(0.3, review.Confidence);
    }

    [Fact]
    public async Task The_rate_limiter_spaces_requests_to_a_provider()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        for (var i = 0; i < 4; i++) harness.Server.Reply(ClassifierHarness.ValidReply);
        var settings = ClassifierHarness.Settings(harness.OpenAi(rpm: 300)); // one request every 200 ms

        var started = Stopwatch.GetTimestamp();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            harness.Classifier.ClassifyAsync(TestEmails.Make(), settings, CancellationToken.None)));

        Assert.All(outcomes, o => Assert.IsType<ClassificationDecision>(o));
        var arrivals = harness.Server.Requests.Select(r => r.Timestamp).Order().ToArray();
        Assert.Equal(4, arrivals.Length);
        // Unlimited, the four would arrive together. Limited, the fourth turn comes three spacings (600 ms) after the
        // first, which is after the start: a bound no transit delay can shorten. (Gaps between arrivals can: the first
        // request also opens the connection, and on a busy machine arrives late, close to the second.)
        // (20 ms less for the two clocks' granularity: the limiter reads wall time, the test a stopwatch.)
        Assert.True(Stopwatch.GetElapsedTime(started, arrivals[^1]) >= TimeSpan.FromMilliseconds(580),
            $"the fourth request arrived {Stopwatch.GetElapsedTime(started, arrivals[^1]).TotalMilliseconds} ms after the start");
        // The limiter's spacing itself is tested exactly on a test clock (ProviderRateLimiterTests).
    }

    [Fact]
    public async Task Anthropic_is_reached_through_its_own_chat_client()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply(ClassifierHarness.ValidReply);

        var outcome = await harness.Classifier.ClassifyAsync(TestEmails.Make(), ClassifierHarness.Settings(harness.Anthropic()), CancellationToken.None);

        var decision = Assert.IsType<ClassificationDecision>(outcome);
        Assert.Equal(new DecisionSource(DecisionSourceKind.Llm, Provider: "fake-anthropic", Model: "claude-fake"), decision.Source);
        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("/v1/messages", request.Path);
        // Anthropic's SDK (13.x) sends the API key as a bearer token.
        Assert.Equal($"Bearer {ClassifierHarness.ApiKey}", request.Headers["Authorization"]);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Contains("Sort the mail of a small company.", json.RootElement.GetProperty("system").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_shows_prompt_reply_and_tokens_and_can_skip_the_rules()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply(ClassifierHarness.ValidReply, inputTokens: 321, outputTokens: 45);
        var rules = RuleSet.Create([new TriageRule("all", RuleMatch.All,
            [new RuleCondition(RuleField.Subject, RuleOperator.Contains, "")], [new TriageAction(TriageActionKind.Archive)])]);
        var settings = ClassifierHarness.Settings(harness.OpenAi(), rules);

        var byRule = await harness.Classifier.RunSandboxAsync(TestEmails.Make(), settings, skipRules: false, CancellationToken.None);
        var byLlm = await harness.Classifier.RunSandboxAsync(TestEmails.Make(), settings, skipRules: true, CancellationToken.None);

        Assert.Equal("all", byRule.Outcome.Source?.Rule);
        Assert.Null(byRule.Prompt);
        Assert.Equal(DecisionSourceKind.Llm, byLlm.Outcome.Source?.Kind);
        Assert.Contains("Quarterly report", byLlm.Prompt!.User, StringComparison.Ordinal);
        Assert.Equal(ClassifierHarness.ValidReply, byLlm.Reply);
        Assert.Equal((321L, 45L), (byLlm.InputTokens!.Value, byLlm.OutputTokens!.Value));
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task Tokens_latency_and_errors_are_recorded_on_the_parley_triage_meter()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply(ClassifierHarness.ValidReply, inputTokens: 500, outputTokens: 60).Reply("not json", inputTokens: 7, outputTokens: 2);
        var measurements = new System.Collections.Concurrent.ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ClassificationMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            if (Equals(copy.GetValueOrDefault("provider"), "metered") || Equals(copy.GetValueOrDefault("account"), "metered-account"))
                measurements.Add((instrument.Name, value, copy));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        var settings = ClassifierHarness.Settings(harness.OpenAi(name: "metered")) with { AccountName = "metered-account" };

        await harness.Classifier.ClassifyAsync(TestEmails.Make(), settings, CancellationToken.None);
        await harness.Classifier.ClassifyAsync(TestEmails.Make(), settings, CancellationToken.None);

        Assert.Equal(507, measurements.Where(m => m.Instrument == "parley.triage.llm.tokens" && Equals(m.Tags["kind"], "input")).Sum(m => m.Value));
        Assert.Equal(62, measurements.Where(m => m.Instrument == "parley.triage.llm.tokens" && Equals(m.Tags["kind"], "output")).Sum(m => m.Value));
        Assert.Equal(2, measurements.Count(m => m.Instrument == "parley.triage.llm.request.duration"));
        Assert.Equal("not_json", measurements.Single(m => m.Instrument == "parley.triage.llm.errors").Tags["code"]);
        Assert.Equal(["decided", "not_json"], measurements.Where(m => m.Instrument == "parley.triage.classifications")
            .Select(m => (string)m.Tags["outcome"]!).Order());
        Assert.Equal(2, measurements.Count(m => m.Instrument == "parley.triage.classification.duration"));
    }

    private sealed class ActionComparer : IEqualityComparer<TriageAction>
    {
        public bool Equals(TriageAction? x, TriageAction? y) =>
            x?.Kind == y?.Kind && x?.Folder == y?.Folder
            && (x?.Flags ?? []).SequenceEqual(y?.Flags ?? []) && (x?.Labels ?? []).SequenceEqual(y?.Labels ?? []);

        public int GetHashCode(TriageAction obj) => obj.Kind.GetHashCode();
    }
}
