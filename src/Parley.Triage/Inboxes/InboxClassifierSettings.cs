using Parley.Triage.Actions;
using Parley.Triage.Classification;
using Parley.Triage.Classification.Rules;
using Parley.Triage.Configuration;
using ConfigField = Parley.Triage.Configuration.RuleField;
using ConfigOperator = Parley.Triage.Configuration.RuleOperator;
using RuleField = Parley.Triage.Classification.Rules.RuleField;
using RuleMatch = Parley.Triage.Classification.Rules.RuleMatch;
using RuleOperator = Parley.Triage.Classification.Rules.RuleOperator;

namespace Parley.Triage.Inboxes;

/// <summary>
/// An inbox's <c>Triage:</c> options as <see cref="ClassifierSettings"/>, built from the configuration in force each
/// time (the settings page may change it while running). The rules are the global <c>rules:</c> whose
/// <c>accounts:</c> is empty or names the inbox's account name (<c>inbox:support@example.com</c>).
/// </summary>
internal static class InboxClassifierSettings
{
    public static ClassifierSettings For(InboxOptions inbox, TriageOptions options)
    {
        var allowed = inbox.AllowedActions.Select(TriageActionNames.Parse).OfType<TriageActionKind>().ToHashSet();
        var defaults = ClassifierSettings.Default(inbox.AccountName);
        var providerName = FirstSet(inbox.LlmProvider, inbox.Llm.Provider);
        var provider = providerName is null ? options.LlmProviders.FirstOrDefault() : options.LlmProviders.FirstOrDefault(p => p.Name == providerName);
        var rules = options.Rules
            .Where(r => r.Accounts.Count == 0 || r.Accounts.Contains(inbox.AccountName, StringComparer.OrdinalIgnoreCase))
            .Select(Rule).ToList();
        return defaults with
        {
            AllowedActions = allowed.Count == 0 ? defaults.AllowedActions : allowed,
            MinimumConfidence = inbox.MinimumConfidence ?? options.Confidence.MinimumThreshold,
            Prompt = Prompt(inbox.PromptOverride, inbox.PromptFile) ?? Prompt(options.DefaultPrompt, options.DefaultPromptFile),
            Provider = provider is null ? null : Provider(provider),
            Model = string.IsNullOrWhiteSpace(inbox.Llm.Model) ? null : inbox.Llm.Model,
            Private = inbox.Private,
            Rules = RuleSet.Create(rules),
        };
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string? Prompt(string? text, string? file) =>
        !string.IsNullOrWhiteSpace(text) ? text : !string.IsNullOrWhiteSpace(file) ? File.ReadAllText(file) : null;

    private static LlmProviderSettings Provider(LlmProviderOptions p) => new(
        p.Name,
        p.Kind == Configuration.LlmProviderKind.Anthropic ? Classification.LlmProviderKind.Anthropic : Classification.LlmProviderKind.OpenAiCompatible,
        new Uri(p.ApiUrl), string.IsNullOrEmpty(p.ApiKey) ? null : p.ApiKey, p.DefaultModel, p.MaxBodyTokens, p.RateLimitRpm);

    private static TriageRule Rule(RuleOptions rule) => new(
        rule.Name,
        rule.Match == Configuration.RuleMatch.Any ? RuleMatch.Any : RuleMatch.All,
        rule.Conditions.Select(Condition).ToList(),
        rule.Actions.Select(a => new TriageAction(
            TriageActionNames.Parse(a.Type) ?? TriageActionKind.None, a.Folder,
            a.Flags.Count > 0 ? a.Flags : null, a.Labels.Count > 0 ? a.Labels : null, a.ForwardTo)).ToList(),
        rule.Category);

    /// <summary>
    /// Configuration's <c>attachment</c> field is a name (contains/equals/regex) or a count (greater/less); classification
    /// has a name and "has any", so greater N is read as "has any" and less N as "has none" (exact for greater 0 and
    /// less 1, the counts filters use; the classification part has no count to compare).
    /// </summary>
    private static RuleCondition Condition(RuleConditionOptions c) => c.Field switch
    {
        ConfigField.Attachment when c.Op is ConfigOperator.Greater or ConfigOperator.Less =>
            new RuleCondition(RuleField.HasAttachment, RuleOperator.Equals, c.Op == ConfigOperator.Greater ? "true" : "false"),
        ConfigField.Attachment => new RuleCondition(RuleField.AttachmentName, Operator(c.Op), c.Value),
        _ => new RuleCondition(c.Field switch
        {
            ConfigField.From => RuleField.From,
            ConfigField.To => RuleField.To,
            ConfigField.Subject => RuleField.Subject,
            ConfigField.Header => RuleField.Header,
            ConfigField.Body => RuleField.Body,
            _ => RuleField.Size,
        }, Operator(c.Op), c.Value, c.Header),
    };

    private static RuleOperator Operator(ConfigOperator op) => op switch
    {
        ConfigOperator.Equals => RuleOperator.Equals,
        ConfigOperator.Regex => RuleOperator.Regex,
        ConfigOperator.Greater => RuleOperator.Greater,
        ConfigOperator.Less => RuleOperator.Less,
        _ => RuleOperator.Contains,
    };
}
