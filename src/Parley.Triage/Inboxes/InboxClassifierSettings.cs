using Parley.Triage.Classification;
using Parley.Triage.Classification.Rules;
using Parley.Triage.Configuration;
using Parley.Triage.Pipeline;

namespace Parley.Triage.Inboxes;

/// <summary>
/// An inbox's <c>Triage:</c> options as <see cref="ClassifierSettings"/>, built from the configuration in force each
/// time (the settings page may change it while running), through the accounts' mapping (TriageAccountMapping). The rules are the global <c>rules:</c> whose
/// <c>accounts:</c> is empty or names the inbox's account name (<c>inbox:support@example.com</c>).
/// </summary>
internal static class InboxClassifierSettings
{
    public static ClassifierSettings For(InboxOptions inbox, TriageOptions options) =>
        ClassifierSettings.Default(inbox.AccountName) with
        {
            AllowedActions = TriageAccountMapping.AllowedActions(inbox, inbox.AccountName),
            MinimumConfidence = inbox.MinimumConfidence ?? options.Confidence.MinimumThreshold,
            Prompt = TriageAccountMapping.Prompt(options, inbox.PromptOverride, inbox.PromptFile),
            Provider = TriageAccountMapping.Provider(options, inbox.ProviderName),
            Model = string.IsNullOrWhiteSpace(inbox.Llm.Model) ? null : inbox.Llm.Model,
            Private = inbox.Private,
            PrivateSenders = TriageAccountMapping.PrivateSenders(inbox),
            Rules = RuleSet.Create(TriageAccountMapping.RulesFor(options, inbox.AccountName)),
        };
}
