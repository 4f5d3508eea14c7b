using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Parley.Triage.Actions;
using Parley.Triage.Classification.Llm;
using Parley.Triage.Emails;

namespace Parley.Triage.Classification;

/// <summary>
/// Decides about one email: the account's rules first (the first that matches decides alone), then — unless the
/// account or the sender is private — the account's LLM, whose reply is validated and held to the minimum confidence.
/// It never acts on the mailbox: the pipeline carries the decision out, and the sandbox only shows it.
/// </summary>
public sealed class TriageClassifier(
    ChatClientFactory clients,
    ProviderRateLimiters limiters,
    ClassificationMetrics metrics,
    TimeProvider time,
    ILogger<TriageClassifier> logger)
{
    public async Task<ClassificationOutcome> ClassifyAsync(TriageEmail email, ClassifierSettings settings, CancellationToken cancellationToken)
        => (await RunAsync(email, settings, skipRules: false, sandbox: false, cancellationToken)).Outcome;

    /// <summary>
    /// The prompt sandbox's seam: classifies <paramref name="email"/> exactly as the pipeline would (or by the LLM alone
    /// with <paramref name="skipRules"/>, to try a prompt on an email a rule would decide) and returns what was sent and
    /// received beside the outcome. Nothing is done to any mailbox, and it is not counted as a classified email (its
    /// LLM tokens are: they are spent).
    /// </summary>
    public Task<ClassificationRun> RunSandboxAsync(TriageEmail email, ClassifierSettings settings, bool skipRules, CancellationToken cancellationToken)
        => RunAsync(email, settings, skipRules, sandbox: true, cancellationToken);

    /// <summary>
    /// The decision when the rules or the private policy make it without an LLM (counted as a classified email), else
    /// null and nothing counted: the pipeline's batch path acts on such decisions together and hands the rest to
    /// <see cref="ClassifyAsync"/> one by one.
    /// </summary>
    public ClassificationDecision? DecideWithoutLlm(TriageEmail email, ClassifierSettings settings)
    {
        var started = time.GetTimestamp();
        if (LocalDecision(email, settings, skipRules: false) is not ClassificationDecision decision)
        {
            return null; // the LLM's to decide, or a rule failed: the one-by-one path classifies (and counts) it
        }
        metrics.Classified(settings.AccountName, decision, time.GetElapsedTime(started));
        return decision;
    }

    private async Task<ClassificationRun> RunAsync(TriageEmail email, ClassifierSettings settings, bool skipRules, bool sandbox, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var run = await DecideAsync(email, settings, skipRules, cancellationToken);
        var elapsed = time.GetElapsedTime(started);
        if (!sandbox) metrics.Classified(settings.AccountName, run.Outcome, elapsed);
        return run with { Elapsed = elapsed };
    }

    private async Task<ClassificationRun> DecideAsync(TriageEmail email, ClassifierSettings settings, bool skipRules, CancellationToken cancellationToken)
    {
        if (LocalDecision(email, settings, skipRules) is { } local) return new ClassificationRun(local);

        if (settings.Provider is not { } provider)
            return new ClassificationRun(new ClassificationFailure(ClassificationFailureCode.NoProvider,
                $"No rule matched and account '{settings.AccountName}' has no LLM provider."));

        var model = settings.Model ?? provider.DefaultModel;
        var source = DecisionSource.FromLlm(provider.Name, model);
        var prompt = TriagePrompt.Build(email, settings, provider);
        var (reply, usage, failure) = await AskAsync(provider, model, prompt, settings, cancellationToken);
        if (failure is not null)
        {
            metrics.LlmError(provider.Name, ClassificationFailureCodes.Of(failure.Value.Code));
            return new ClassificationRun(new ClassificationFailure(failure.Value.Code, failure.Value.Message, source), prompt);
        }

        var outcome = LlmReply.Validate(reply, settings, source);
        if (outcome is ClassificationFailure invalid) metrics.LlmError(provider.Name, invalid.CodeName);
        if (outcome is ClassificationDecision decision && decision.Confidence < settings.MinimumConfidence)
        {
            outcome = decision with
            {
                Actions = settings.ReviewFolder is { } review
                    ? [new TriageAction(TriageActionKind.Move, Folder: review)]
                    : [new TriageAction(TriageActionKind.None)],
                BelowMinimumConfidence = true,
                ProposedActions = decision.Actions,
            };
        }
        return new ClassificationRun(outcome, prompt, reply, usage?.InputTokenCount, usage?.OutputTokenCount);
    }

    /// <summary>A rule's decision, else the private policy's (leave alone), else null: only the LLM can decide.</summary>
    private static ClassificationOutcome? LocalDecision(TriageEmail email, ClassifierSettings settings, bool skipRules)
    {
        if (!skipRules && settings.Rules.Evaluate(email) is { } byRule) return byRule;

        if (settings.Private || IsPrivateSender(email.From, settings.PrivateSenders))
        {
            // Leave alone rather than fail: a retry could never decide differently, so a dead-letter entry would only
            // repeat. The audit records that nothing was sent.
            return new ClassificationDecision([new TriageAction(TriageActionKind.None)], null, 1.0,
                settings.Private ? "Private account: no rule matched and nothing is sent to an LLM."
                                 : "Private sender: no rule matched and nothing is sent to an LLM.",
                DecisionSource.PrivatePolicy);
        }
        return null;
    }

    private async Task<(string? Reply, UsageDetails? Usage, (ClassificationFailureCode Code, string Message)? Failure)> AskAsync(
        LlmProviderSettings provider, string model, TriagePrompt prompt, ClassifierSettings settings, CancellationToken cancellationToken)
    {
        var client = clients.For(provider, model);
        var messages = new List<ChatMessage> { new(ChatRole.System, prompt.System), UserMessage(prompt) };
        var options = new ChatOptions { ModelId = model, MaxOutputTokens = provider.MaxOutputTokens, ResponseFormat = FormatFor(provider, settings) };
        var limiter = limiters.For(provider);
        for (var rateLimited = 0; ; rateLimited++)
        {
            await limiter.WaitTurnAsync(cancellationToken);
            using var timeout = new CancellationTokenSource(provider.EffectiveTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var started = time.GetTimestamp();
            try
            {
                var response = await client.GetResponseAsync(messages, options, linked.Token);
                metrics.LlmRequest(provider.Name, model, time.GetElapsedTime(started), response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
                return (response.Text, response.Usage, null);
            }
            catch (Exception e) when (Find<ProviderRateLimitedException>(e) is { } limited)
            {
                var wait = limited.RetryAfter ?? provider.DefaultRetryAfter;
                if (rateLimited >= provider.MaxRateLimitRetries || wait > provider.MaxRetryAfter)
                    return (null, null, (ClassificationFailureCode.RateLimited,
                        $"Provider '{provider.Name}' answered 429 {rateLimited + 1} time(s); last Retry-After {wait.TotalSeconds:0.###}s."));
                logger.LogInformation("LLM provider {Provider} answered 429; waiting {Seconds:0.###}s before trying again", provider.Name, wait.TotalSeconds);
                limiter.PauseUntil(time.GetUtcNow() + wait);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return (null, null, (ClassificationFailureCode.Timeout,
                    $"Provider '{provider.Name}' did not answer within {provider.EffectiveTimeout.TotalSeconds:0.###}s."));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var message = Find<ProviderHttpException>(e)?.Message ?? $"{e.GetType().Name}: {e.Message}";
                logger.LogWarning("LLM provider {Provider} failed: {Error}", provider.Name, message);
                return (null, null, (ClassificationFailureCode.ProviderError, $"Provider '{provider.Name}': {message}"));
            }
        }
    }

    /// <summary>
    /// The email as text, followed by its images as <see cref="DataContent"/> (media type + bytes) — both SDKs' adapters
    /// turn these into their own image parts (OpenAI: <c>image_url</c> with a data URI; Anthropic: an <c>image</c>
    /// block with a base64 source). The prompt holds images only for a provider with <c>supports_vision</c>.
    /// </summary>
    internal static ChatMessage UserMessage(TriagePrompt prompt)
    {
        var sent = prompt.Images.Where(i => i.Sent).ToList();
        if (sent.Count == 0)
        {
            return new ChatMessage(ChatRole.User, prompt.User);
        }
        List<AIContent> contents = [new TextContent(prompt.User)];
        contents.AddRange(sent.Select(i => new DataContent(i.Data, i.MediaType) { Name = i.FileName }));
        return new ChatMessage(ChatRole.User, contents);
    }

    private static ChatResponseFormat? FormatFor(LlmProviderSettings provider, ClassifierSettings settings) =>
        // Anthropic's adapter is given no response format: the schema is in the prompt and the reply is validated.
        provider.Kind == LlmProviderKind.Anthropic ? null : provider.ResponseFormat switch
        {
            LlmResponseFormat.JsonSchema => ChatResponseFormat.ForJsonSchema(ReplySchema.For(settings), "triage_decision",
                "The email's classification: actions, category, confidence 0-1, reasoning."),
            LlmResponseFormat.JsonObject => ChatResponseFormat.Json,
            _ => null,
        };

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }

    /// <summary>An address (<c>a@b.example</c>) matches exactly, a domain (<c>@b.example</c>) matches its addresses.</summary>
    internal static bool IsPrivateSender(string? from, IReadOnlyList<string> privateSenders)
    {
        if (string.IsNullOrEmpty(from) || privateSenders.Count == 0) return false;
        var address = ExtractAddress(from);
        return privateSenders.Any(p => p.StartsWith('@')
            ? address.EndsWith(p, StringComparison.OrdinalIgnoreCase)
            : string.Equals(address, p.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private static string ExtractAddress(string from)
    {
        var open = from.LastIndexOf('<');
        var close = from.LastIndexOf('>');
        return (open >= 0 && close > open ? from[(open + 1)..close] : from).Trim();
    }
}

/// <summary>One classification with what went to the LLM and came back (the sandbox shows these; the pipeline needs only <see cref="Outcome"/>).</summary>
/// <param name="Prompt">The messages sent; null when a rule or the private policy decided.</param>
/// <param name="Reply">The LLM's text, unvalidated.</param>
public sealed record ClassificationRun(
    ClassificationOutcome Outcome,
    TriagePrompt? Prompt = null,
    string? Reply = null,
    long? InputTokens = null,
    long? OutputTokens = null,
    TimeSpan Elapsed = default);
