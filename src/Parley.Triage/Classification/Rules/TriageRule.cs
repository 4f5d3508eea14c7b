using Parley.Triage.Actions;

namespace Parley.Triage.Classification.Rules;

/// <summary>
/// A rule: when its conditions hold (all of them, or any), it decides alone — its actions, its category, confidence 1 —
/// and no LLM is asked. Rules are tried in order; the first that matches wins. Mailpilot leaves every decision to its
/// LLM; these rules are Parley's addition, shaped like a mail filter's (imapfilter, Sieve).
/// </summary>
public sealed record TriageRule(
    string Name,
    RuleMatch Match,
    IReadOnlyList<RuleCondition> Conditions,
    IReadOnlyList<TriageAction> Actions,
    string? Category = null);

public enum RuleMatch
{
    All,
    Any,
}

/// <summary>
/// One test on the email. Text comparisons ignore case. A field with several values (to, cc, a repeated header, the
/// attachments) holds when any one of them does; a missing value (no subject) is the empty string.
/// </summary>
/// <param name="Header">The header's name for <see cref="RuleField.Header"/> (case-insensitive).</param>
/// <param name="Value">Text, a regular expression, a size in bytes, or true/false for <see cref="RuleField.HasAttachment"/>.</param>
public sealed record RuleCondition(RuleField Field, RuleOperator Operator, string Value, string? Header = null);

public enum RuleField
{
    From,
    To,
    Cc,
    Subject,
    Header,
    Body,
    /// <summary>RFC822.SIZE in bytes: greater / less / equals.</summary>
    Size,
    /// <summary>Whether the email has any attachment: equals true / false.</summary>
    HasAttachment,
    AttachmentName,
    /// <summary>An attachment's MIME type (<c>application/pdf</c>).</summary>
    AttachmentType,
}

public enum RuleOperator
{
    Contains,
    Equals,
    Regex,
    Greater,
    Less,
}
