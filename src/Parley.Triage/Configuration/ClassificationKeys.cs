using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

/// <summary>
/// How mail is classified — the keys an IMAP account (<c>accounts:</c>) and one of Parley's own inboxes
/// (<c>inboxes:</c>) share, with the same names and meaning, checked by one validation and mapped by one
/// <c>TriageAccountMapping</c>.
/// </summary>
public abstract class ClassificationKeys
{
    /// <summary>Action names (<c>move</c>, <c>spam</c>, …) that may be taken; empty: every action but forward.</summary>
    [ConfigurationKeyName("allowed_actions")]
    public List<string> AllowedActions { get; set; } = [];

    /// <summary>Overrides <c>confidence.minimum_threshold</c> (0–1).</summary>
    [ConfigurationKeyName("minimum_confidence")]
    public double? MinimumConfidence { get; set; }

    [ConfigurationKeyName("prompt_override")]
    public string? PromptOverride { get; set; }

    [ConfigurationKeyName("prompt_file")]
    public string? PromptFile { get; set; }

    /// <summary>The name of an <c>llm_providers</c> entry; empty: the first provider.</summary>
    [ConfigurationKeyName("llm_provider")]
    public string? LlmProvider { get; set; }

    /// <summary>Mailpilot's <c>llm: {provider, model}</c> form of <see cref="LlmProvider"/>, with a model override.</summary>
    [ConfigurationKeyName("llm")]
    public AccountLlmOptions Llm { get; set; } = new();

    /// <summary>Nothing from here is ever sent to an LLM: rules only.</summary>
    [ConfigurationKeyName("private")]
    public bool Private { get; set; }

    /// <summary>Senders whose mail is never sent to an LLM: an address (<c>a@b.example</c>) or a domain (<c>@b.example</c>).</summary>
    [ConfigurationKeyName("private_senders")]
    public List<string> PrivateSenders { get; set; } = [];

    /// <summary>Overrides the global <c>dry_run</c>: classify and record, change nothing.</summary>
    [ConfigurationKeyName("dry_run")]
    public bool? DryRun { get; set; }

    /// <summary>The provider named by <c>llm.provider</c>, else <c>llm_provider</c> (validation refuses the two disagreeing).</summary>
    internal string? ProviderName =>
        !string.IsNullOrWhiteSpace(Llm.Provider) ? Llm.Provider : string.IsNullOrWhiteSpace(LlmProvider) ? null : LlmProvider;
}
