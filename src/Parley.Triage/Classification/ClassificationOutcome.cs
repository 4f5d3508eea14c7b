using Parley.Triage.Actions;

namespace Parley.Triage.Classification;

/// <summary>What classification made of one email: a <see cref="ClassificationDecision"/> or a <see cref="ClassificationFailure"/>.</summary>
public abstract record ClassificationOutcome
{
    /// <summary>Where the outcome came from (a rule, an LLM, the private policy); null when nothing decided.</summary>
    public abstract DecisionSource? Source { get; }
}

/// <summary>
/// A decision: the actions to carry out, in order. A rule's confidence is 1. When an LLM's confidence is below the
/// account's minimum, <see cref="BelowMinimumConfidence"/> is set, <see cref="Actions"/> is "leave alone" (or a move
/// to the review folder) and <see cref="ProposedActions"/> keeps what the LLM wanted, for the audit.
/// </summary>
public sealed record ClassificationDecision(
    IReadOnlyList<TriageAction> Actions,
    string? Category,
    double Confidence,
    string? Reasoning,
    DecisionSource Origin,
    bool BelowMinimumConfidence = false,
    IReadOnlyList<TriageAction>? ProposedActions = null) : ClassificationOutcome
{
    public override DecisionSource Source => Origin;
}

/// <summary>No decision: the email is left untouched and goes to the dead letter with <see cref="Message"/>.</summary>
public sealed record ClassificationFailure(ClassificationFailureCode Code, string Message, DecisionSource? Origin = null)
    : ClassificationOutcome
{
    public override DecisionSource? Source => Origin;

    /// <summary>The stable snake_case name (dead letter, metrics, problem codes).</summary>
    public string CodeName => ClassificationFailureCodes.Of(Code);
}

/// <summary>Where a decision came from.</summary>
/// <param name="Rule">The rule's name when a rule decided.</param>
/// <param name="Provider">The LLM provider's name when the LLM decided.</param>
/// <param name="Model">The model asked.</param>
public sealed record DecisionSource(DecisionSourceKind Kind, string? Rule = null, string? Provider = null, string? Model = null)
{
    public static DecisionSource FromRule(string name) => new(DecisionSourceKind.Rule, Rule: name);
    public static DecisionSource FromLlm(string provider, string model) => new(DecisionSourceKind.Llm, Provider: provider, Model: model);
    public static readonly DecisionSource PrivatePolicy = new(DecisionSourceKind.Private);
}

public enum DecisionSourceKind
{
    Rule,
    Llm,
    /// <summary>A private account or sender no rule decided: left alone, nothing sent to an LLM.</summary>
    Private,
}

public enum ClassificationFailureCode
{
    /// <summary>A rule's regular expression ran past its time limit on this email.</summary>
    RuleTimeout,
    /// <summary>No rule decided and the account has no LLM provider.</summary>
    NoProvider,
    /// <summary>The reply is not JSON.</summary>
    NotJson,
    /// <summary>The reply is JSON but not the decision's shape (missing or mistyped field, unknown action, move without folder...).</summary>
    WrongShape,
    /// <summary>The reply names an action the account does not allow.</summary>
    ActionNotAllowed,
    /// <summary>The reply moves or copies to a folder the account does not allow.</summary>
    FolderNotAllowed,
    /// <summary>The reply's category is not one of the configured categories.</summary>
    CategoryNotAllowed,
    /// <summary>The reply's confidence is not a number from 0 to 1.</summary>
    ConfidenceOutOfRange,
    /// <summary>The provider answered with an HTTP error (not 429).</summary>
    ProviderError,
    /// <summary>The provider kept answering 429 after the configured number of Retry-After waits.</summary>
    RateLimited,
    /// <summary>The provider did not answer within the timeout.</summary>
    Timeout,
    /// <summary>An attachment could not be scanned for viruses and <c>antivirus.on_scan_error</c> is <c>dead_letter</c>.</summary>
    ScanFailed,
}

public static class ClassificationFailureCodes
{
    public static string Of(ClassificationFailureCode code) => code switch
    {
        ClassificationFailureCode.RuleTimeout => "rule_timeout",
        ClassificationFailureCode.NoProvider => "no_provider",
        ClassificationFailureCode.NotJson => "not_json",
        ClassificationFailureCode.WrongShape => "wrong_shape",
        ClassificationFailureCode.ActionNotAllowed => "action_not_allowed",
        ClassificationFailureCode.FolderNotAllowed => "folder_not_allowed",
        ClassificationFailureCode.CategoryNotAllowed => "category_not_allowed",
        ClassificationFailureCode.ConfidenceOutOfRange => "confidence_out_of_range",
        ClassificationFailureCode.ProviderError => "provider_error",
        ClassificationFailureCode.RateLimited => "rate_limited",
        ClassificationFailureCode.Timeout => "timeout",
        ClassificationFailureCode.ScanFailed => "scan_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };
}
