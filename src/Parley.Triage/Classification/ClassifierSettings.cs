using Parley.Triage.Actions;
using Parley.Triage.Classification.Rules;

namespace Parley.Triage.Classification;

/// <summary>
/// Everything classification needs to decide about one account's email, as plain values: the pipeline maps the
/// <c>Triage:</c> options (accounts, llm_providers, rules, prompts) onto it, so classification never reads configuration.
/// </summary>
/// <param name="AccountName">For metrics and the decision's record.</param>
/// <param name="AllowedActions">What a decision may contain (Mailpilot's <c>allowed_actions</c>); rules are not bound by it.</param>
/// <param name="Categories">Categories the LLM must choose from; empty = any category (or none) is accepted.</param>
/// <param name="AllowedFolders">move/copy targets the LLM may name (Mailpilot's <c>folders.allowed</c> in predefined mode); null = any.</param>
/// <param name="MinimumConfidence">Below it the LLM's decision is not carried out: the email is left alone, or moved to <paramref name="ReviewFolder"/>.</param>
/// <param name="ReviewFolder">Where a low-confidence email goes instead of being left alone; null = leave alone.</param>
/// <param name="Prompt">The account's prompt (prompt_override / prompt_file, else default_prompt); null = <see cref="Llm.TriagePrompt.DefaultInstructions"/>.</param>
/// <param name="Provider">The account's LLM provider; null = rules only (an email no rule decides is a failure).</param>
/// <param name="Model">The account's model (llm.model); null = the provider's default model.</param>
/// <param name="Private">A private account sends nothing to the LLM: rules decide, else the email is left alone.</param>
/// <param name="PrivateSenders">Senders whose email is private: an address (<c>a@b.example</c>) or a domain (<c>@b.example</c>).</param>
/// <param name="Rules">Evaluated in order before the LLM; the first that matches decides alone (<see cref="RuleSet.Create"/>).</param>
public sealed record ClassifierSettings(
    string AccountName,
    IReadOnlySet<TriageActionKind> AllowedActions,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string>? AllowedFolders,
    double MinimumConfidence,
    string? ReviewFolder,
    string? Prompt,
    LlmProviderSettings? Provider,
    string? Model,
    bool Private,
    IReadOnlyList<string> PrivateSenders,
    RuleSet Rules)
{
    /// <summary>Every action but forward (an LLM must not choose where mail is sent), no categories, threshold 0.</summary>
    public static ClassifierSettings Default(string accountName) => new(
        accountName,
        Enum.GetValues<TriageActionKind>().Where(k => k != TriageActionKind.Forward).ToHashSet(),
        [], null, 0, null, null, null, null, false, [], RuleSet.Empty);
}

/// <summary>The kind of API a provider speaks.</summary>
public enum LlmProviderKind
{
    /// <summary>OpenAI's chat completions: OpenAI, Ollama, vLLM, llama.cpp server, OpenRouter, ...</summary>
    OpenAiCompatible,
    /// <summary>Anthropic's messages API.</summary>
    Anthropic,
}

/// <summary>One of Mailpilot's <c>llm_providers</c>.</summary>
/// <param name="ApiUrl">Mailpilot's api_url: the chat endpoint (<c>…/v1/chat/completions</c>, <c>…/v1/messages</c>) or its base (<c>…/v1</c>).</param>
/// <param name="ApiKey">The key, already resolved from <c>${ENV_VAR}</c>; never logged. Null for local servers.</param>
/// <param name="MaxBodyTokens">The email body sent is cut to about this many tokens (4 characters a token).</param>
/// <param name="RateLimitRpm">Requests a minute, spaced evenly; callers wait for their turn. Null = unlimited.</param>
/// <param name="Timeout">One request's limit, Retry-After waits excluded.</param>
/// <param name="MaxRateLimitRetries">How many 429 answers one classification waits out (honouring Retry-After) before it fails.</param>
/// <param name="MaxRetryAfterWait">A 429 asking for a longer wait fails the classification at once (the dead letter retries later) instead of holding a worker.</param>
/// <param name="DefaultRetryAfterWait">The wait after a 429 without Retry-After (Mailpilot's 60 s).</param>
/// <param name="MaxOutputTokens">The reply's token limit (Anthropic requires one).</param>
/// <param name="ResponseFormat">How the JSON reply is asked for; not every OpenAI-compatible server has json_schema.</param>
/// <param name="SupportsVision">Mailpilot's <c>supports_vision</c>: the email's images may go with the prompt; false: never.</param>
public sealed record LlmProviderSettings(
    string Name,
    LlmProviderKind Kind,
    Uri ApiUrl,
    string? ApiKey,
    string DefaultModel,
    int MaxBodyTokens = 4000,
    int? RateLimitRpm = null,
    TimeSpan? Timeout = null,
    int MaxRateLimitRetries = 3,
    TimeSpan? MaxRetryAfterWait = null,
    TimeSpan? DefaultRetryAfterWait = null,
    int MaxOutputTokens = 1024,
    LlmResponseFormat ResponseFormat = LlmResponseFormat.JsonSchema,
    bool SupportsVision = false)
{
    public TimeSpan EffectiveTimeout => Timeout ?? TimeSpan.FromSeconds(60);
    public TimeSpan MaxRetryAfter => MaxRetryAfterWait ?? TimeSpan.FromMinutes(5);
    public TimeSpan DefaultRetryAfter => DefaultRetryAfterWait ?? TimeSpan.FromSeconds(60);

    // A record prints its members; the key must never reach a log line.
    public override string ToString() => $"{Name} ({Kind}, {ApiUrl})";
}

public enum LlmResponseFormat
{
    /// <summary>Structured output with the reply's JSON schema (OpenAI, recent Ollama / vLLM / llama.cpp).</summary>
    JsonSchema,
    /// <summary>Any JSON object (<c>json_object</c>, Mailpilot's choice); the schema is in the prompt.</summary>
    JsonObject,
    /// <summary>Plain text; the schema is in the prompt and the reply is still validated.</summary>
    Text,
}
