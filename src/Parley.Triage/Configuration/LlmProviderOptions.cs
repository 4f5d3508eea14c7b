using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

public enum LlmProviderKind
{
    /// <summary>An OpenAI-compatible chat completions endpoint (OpenAI, Ollama, vLLM, llama.cpp server).</summary>
    OpenAI,
    Anthropic,
}

/// <summary>An LLM an account may use (an item of <c>llm_providers:</c>).</summary>
public sealed class LlmProviderOptions
{
    [ConfigurationKeyName("name")]
    public string Name { get; set; } = "";

    [ConfigurationKeyName("api_url")]
    public string ApiUrl { get; set; } = "";

    /// <summary>A secret: give it as <c>${ENV_VAR}</c>. Empty for local servers that need none.</summary>
    [ConfigurationKeyName("api_key")]
    public string? ApiKey { get; set; }

    [ConfigurationKeyName("default_model")]
    public string DefaultModel { get; set; } = "";

    /// <summary>The email body sent is cut to about this many tokens.</summary>
    [ConfigurationKeyName("max_body_tokens")]
    public int MaxBodyTokens { get; set; } = 4000;

    [ConfigurationKeyName("max_thread_tokens")]
    public int MaxThreadTokens { get; set; } = 2000;

    /// <summary>Requests per minute at most; empty: no limit of Parley's own (a 429's Retry-After is still honoured).</summary>
    [ConfigurationKeyName("rate_limit_rpm")]
    public int? RateLimitRpm { get; set; }

    [ConfigurationKeyName("supports_vision")]
    public bool SupportsVision { get; set; }

    [ConfigurationKeyName("kind")]
    public LlmProviderKind Kind { get; set; } = LlmProviderKind.OpenAI;
}
