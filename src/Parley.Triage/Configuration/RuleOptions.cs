using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

/// <summary>
/// A rule (an item of <c>rules:</c>): when its conditions match (all or any), its actions are taken without asking
/// the LLM. This is only the configuration shape; the classification part matches it.
/// </summary>
public sealed class RuleOptions
{
    [ConfigurationKeyName("name")]
    public string Name { get; set; } = "";
    [ConfigurationKeyName("match")]
    public RuleMatch Match { get; set; } = RuleMatch.All;
    [ConfigurationKeyName("conditions")]
    public List<RuleConditionOptions> Conditions { get; set; } = [];
    [ConfigurationKeyName("actions")]
    public List<RuleActionOptions> Actions { get; set; } = [];

    /// <summary>Recorded in the audit with the decision.</summary>
    [ConfigurationKeyName("category")]
    public string? Category { get; set; }

    /// <summary>When it matches, no later rule is tried.</summary>
    [ConfigurationKeyName("stop")]
    public bool Stop { get; set; } = true;

    /// <summary>Only for these accounts; empty: every account.</summary>
    [ConfigurationKeyName("accounts")]
    public List<string> Accounts { get; set; } = [];
}

public enum RuleMatch
{
    All,
    Any,
}

public enum RuleField
{
    From,
    To,
    Subject,
    /// <summary>The header named by <see cref="RuleConditionOptions.Header"/>.</summary>
    Header,
    Body,
    /// <summary>The message size in bytes (greater/less).</summary>
    Size,
    /// <summary>An attachment's file name (contains/equals/regex) or the number of attachments (greater/less).</summary>
    Attachment,
}

public enum RuleOperator
{
    Contains,
    Equals,
    Regex,
    Greater,
    Less,
}

public sealed class RuleConditionOptions
{
    [ConfigurationKeyName("field")]
    public RuleField Field { get; set; }
    [ConfigurationKeyName("op")]
    public RuleOperator Op { get; set; } = RuleOperator.Contains;
    [ConfigurationKeyName("value")]
    public string Value { get; set; } = "";

    /// <summary>For <c>field: header</c>: which header.</summary>
    [ConfigurationKeyName("header")]
    public string? Header { get; set; }
}

/// <summary>One action of a rule, named as in <c>allowed_actions</c> and the LLM's reply.</summary>
public sealed class RuleActionOptions
{
    [ConfigurationKeyName("type")]
    public string Type { get; set; } = "";
    [ConfigurationKeyName("folder")]
    public string? Folder { get; set; }
    [ConfigurationKeyName("flags")]
    public List<string> Flags { get; set; } = [];
    [ConfigurationKeyName("labels")]
    public List<string> Labels { get; set; } = [];

    [ConfigurationKeyName("forward_to")]
    public string? ForwardTo { get; set; }
}
