using System.Text.Json;
using Parley.Triage.Actions;
using Parley.Triage.Attachments;
using Parley.Triage.Classification;
using Parley.Triage.Classification.Rules;
using Parley.Triage.Configuration;
using Parley.Triage.Imap;
using ConfigRuleField = Parley.Triage.Configuration.RuleField;
using ConfigRuleOperator = Parley.Triage.Configuration.RuleOperator;

namespace Parley.Triage.Pipeline;

/// <summary>
/// Maps the <c>triage:</c> options onto what the IMAP and classification parts take: per account an
/// <see cref="ImapAccount"/> and <see cref="ClassifierSettings"/> (the account's rules compiled once per load). The rule
/// shape of configuration (<c>field: attachment</c> for names and counts) is translated to the classifier's here.
/// </summary>
internal static class TriageAccountMapping
{
    public static IReadOnlyList<TriageAccount> From(TriageOptions options) =>
        options.Accounts.Select(a => From(options, a)).ToList();

    public static TriageAccount From(TriageOptions options, AccountOptions account)
    {
        var imap = new ImapAccount
        {
            Name = account.Name,
            Host = account.Imap.Host,
            Port = account.Imap.Port,
            Tls = account.Imap.Tls switch
            {
                Configuration.ImapTlsMode.Tls => Imap.ImapTlsMode.Tls,
                Configuration.ImapTlsMode.StartTls => Imap.ImapTlsMode.StartTls,
                Configuration.ImapTlsMode.Insecure => Imap.ImapTlsMode.Insecure,
                _ => Imap.ImapTlsMode.Auto,
            },
            Auth = account.Imap.Auth == ImapAuth.OAuth2 ? ImapAuthKind.OAuth2 : ImapAuthKind.Basic,
            Username = account.Imap.Username,
            Password = account.Imap.Password,
            TrustedTlsFingerprints = account.Imap.TrustedTlsFingerprints,
            WatchFolders = account.Folders.WatchedFolders(),
            PollingInterval = (account.PollingInterval ?? options.PollingInterval).Value,
            Backlog = new ImapBacklog
            {
                Mode = options.Backlog.Mode switch
                {
                    BacklogOptions.All => ImapBacklogMode.All,
                    BacklogOptions.RecentCount => ImapBacklogMode.RecentCount,
                    BacklogOptions.RecentDays => ImapBacklogMode.RecentDays,
                    _ => ImapBacklogMode.NewOnly,
                },
                Count = options.Backlog.Count ?? 100,
                Age = options.Backlog.Age?.Value ?? TimeSpan.FromDays(7),
            },
            UseIdle = account.UseIdle,
            IdleRefresh = account.IdleRefresh.Value,
            ReconnectInitialDelay = account.ReconnectInitialDelay.Value,
            ReconnectMaxDelay = account.ReconnectMaxDelay.Value,
            Timeout = account.Imap.Timeout.Value,
            AutoCreateFolders = account.Folders.Mode == FoldersOptions.AutoCreate,
            // The review folder is the operator's own target: allowed for the move even when the LLM may not name it.
            AllowedFolders = account.Folders.Allowed.Count > 0 && ReviewFolder(account) is { } review && !account.Folders.Allowed.Contains(review)
                ? [.. account.Folders.Allowed, review]
                : account.Folders.Allowed,
            ArchiveFolder = account.Folders.ArchiveFolder,
            TrashFolder = account.Folders.TrashFolder,
            JunkFolder = account.Folders.JunkFolder,
            DryRun = account.DryRun ?? options.DryRun,
            FetchBatchCount = options.FetchBatch.Count,
            FetchBatchBytes = (long)(options.FetchBatch.MaxMb * 1024 * 1024),
            Attachments = account.Attachments ?? options.Attachments,
        };
        var classifier = new ClassifierSettings(
            account.Name,
            AllowedActions(account, account.Name),
            account.Categories,
            account.Folders.Mode == FoldersOptions.Predefined && account.Folders.Allowed.Count > 0 ? account.Folders.Allowed : null,
            account.MinimumConfidence ?? options.Confidence.MinimumThreshold,
            ReviewFolder(account),
            Prompt(options, account.PromptOverride, account.PromptFile),
            Provider(options, account.ProviderName),
            string.IsNullOrEmpty(account.Llm.Model) ? null : account.Llm.Model,
            account.Private,
            PrivateSenders(account),
            RuleSet.Create(RulesFor(options, account.Name)));
        // Images are read only for an account whose LLM will see them (Attachments/VisionImages).
        imap = imap with { Images = VisionImages.LimitsFor(imap.Attachments, classifier.Provider, classifier.Private) };
        return new TriageAccount(imap, classifier, options.ConcurrencyLimit, options.AddProcessingHeaders, Fingerprint(options, account), account.Forward);
    }

    private static string? ReviewFolder(AccountOptions account) =>
        string.IsNullOrWhiteSpace(account.ReviewFolder) ? null : account.ReviewFolder.Trim();

    /// <summary>The global rules that apply to <paramref name="accountName"/> (a rule's <c>accounts</c> empty: every account), in order.</summary>
    public static IReadOnlyList<TriageRule> RulesFor(TriageOptions options, string accountName) =>
        options.Rules
            .Where(r => r.Accounts.Count == 0 || r.Accounts.Contains(accountName, StringComparer.OrdinalIgnoreCase))
            .Select(ToRule)
            .ToList();

    /// <summary>
    /// Every rule problem only compiling finds (a pattern .NET rejects, a count the classifier cannot test), named by
    /// key: <c>Triage:rules:0: rule 'x', conditions[1]: …</c>. Start-up validation reports them.
    /// </summary>
    public static IEnumerable<string> RuleProblems(TriageOptions options)
    {
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (string.IsNullOrWhiteSpace(rule.Name) || rule.Conditions.Count == 0 || rule.Actions.Count == 0)
            {
                continue; // the configuration validator names these already
            }
            foreach (var problem in RuleSet.Validate([ToRule(rule)]))
            {
                yield return $"{TriageOptions.Section}:rules:{i}: {problem}";
            }
        }
    }

    internal static TriageRule ToRule(RuleOptions rule) => new(
        rule.Name,
        rule.Match == Configuration.RuleMatch.Any ? Classification.Rules.RuleMatch.Any : Classification.Rules.RuleMatch.All,
        rule.Conditions.Select(ToCondition).ToList(),
        rule.Actions.Select(ToAction).ToList(),
        rule.Category);

    private static RuleCondition ToCondition(RuleConditionOptions c)
    {
        var op = c.Op switch
        {
            ConfigRuleOperator.Equals => Classification.Rules.RuleOperator.Equals,
            ConfigRuleOperator.Regex => Classification.Rules.RuleOperator.Regex,
            ConfigRuleOperator.Greater => Classification.Rules.RuleOperator.Greater,
            ConfigRuleOperator.Less => Classification.Rules.RuleOperator.Less,
            _ => Classification.Rules.RuleOperator.Contains,
        };
        return c.Field switch
        {
            ConfigRuleField.From => new(Classification.Rules.RuleField.From, op, c.Value),
            ConfigRuleField.To => new(Classification.Rules.RuleField.To, op, c.Value),
            ConfigRuleField.Subject => new(Classification.Rules.RuleField.Subject, op, c.Value),
            ConfigRuleField.Header => new(Classification.Rules.RuleField.Header, op, c.Value, c.Header),
            ConfigRuleField.Body => new(Classification.Rules.RuleField.Body, op, c.Value),
            ConfigRuleField.Size => new(Classification.Rules.RuleField.Size, op, c.Value),
            // Configuration's attachment: a name (contains/equals/regex) or a count (greater/less). The classifier tests
            // whether there is one: "greater 0" and "less 1" translate; other counts are reported by RuleProblems.
            ConfigRuleField.Attachment => op switch
            {
                Classification.Rules.RuleOperator.Greater when c.Value.Trim() == "0" =>
                    new(Classification.Rules.RuleField.HasAttachment, Classification.Rules.RuleOperator.Equals, "true"),
                Classification.Rules.RuleOperator.Less when c.Value.Trim() == "1" =>
                    new(Classification.Rules.RuleField.HasAttachment, Classification.Rules.RuleOperator.Equals, "false"),
                Classification.Rules.RuleOperator.Greater or Classification.Rules.RuleOperator.Less =>
                    new(Classification.Rules.RuleField.HasAttachment, op, c.Value),
                _ => new(Classification.Rules.RuleField.AttachmentName, op, c.Value),
            },
            _ => new(Classification.Rules.RuleField.Body, op, c.Value),
        };
    }

    private static TriageAction ToAction(RuleActionOptions a) => new(
        TriageActionNames.Parse(a.Type) ?? TriageActionKind.None,
        a.Folder,
        a.Flags.Count > 0 ? a.Flags : null,
        a.Labels.Count > 0 ? a.Labels : null,
        a.ForwardTo);

    /// <summary>The actions an account or inbox may take: its <c>allowed_actions</c>, else every action but forward.</summary>
    internal static IReadOnlySet<TriageActionKind> AllowedActions(ClassificationKeys keys, string accountName)
    {
        if (keys.AllowedActions.Count == 0)
        {
            return ClassifierSettings.Default(accountName).AllowedActions;
        }
        return keys.AllowedActions.Select(TriageActionNames.Parse).OfType<TriageActionKind>().ToHashSet();
    }

    internal static IReadOnlyList<string> PrivateSenders(ClassificationKeys keys) =>
        keys.PrivateSenders.Select(s => s.Trim()).ToList();

    /// <summary>An account's or inbox's own prompt (text, else file), else the global default (text, else file).</summary>
    internal static string? Prompt(TriageOptions options, string? promptOverride, string? promptFile)
    {
        if (!string.IsNullOrEmpty(promptOverride)) return promptOverride;
        if (!string.IsNullOrEmpty(promptFile)) return File.ReadAllText(promptFile);
        if (!string.IsNullOrEmpty(options.DefaultPrompt)) return options.DefaultPrompt;
        if (!string.IsNullOrEmpty(options.DefaultPromptFile)) return File.ReadAllText(options.DefaultPromptFile);
        return null;
    }

    /// <summary>The <c>llm_providers</c> entry named <paramref name="name"/>, or the first one when no name is given.</summary>
    internal static LlmProviderSettings? Provider(TriageOptions options, string? name)
    {
        var provider = string.IsNullOrEmpty(name)
            ? options.LlmProviders.FirstOrDefault()
            : options.LlmProviders.FirstOrDefault(p => p.Name == name);
        if (provider is null)
        {
            return null;
        }
        return new LlmProviderSettings(
            provider.Name,
            provider.Kind == Configuration.LlmProviderKind.Anthropic ? Classification.LlmProviderKind.Anthropic : Classification.LlmProviderKind.OpenAiCompatible,
            new Uri(provider.ApiUrl),
            string.IsNullOrEmpty(provider.ApiKey) ? null : provider.ApiKey,
            provider.DefaultModel,
            provider.MaxBodyTokens,
            provider.RateLimitRpm,
            SupportsVision: provider.SupportsVision);
    }

    /// <summary>What the account's behaviour depends on: its own keys and the global ones it inherits.</summary>
    private static string Fingerprint(TriageOptions options, AccountOptions account) => JsonSerializer.Serialize(new
    {
        account,
        options.LlmProviders,
        options.Rules,
        options.DefaultPrompt,
        options.DefaultPromptFile,
        options.Confidence,
        options.ConcurrencyLimit,
        options.DryRun,
        options.AddProcessingHeaders,
        options.Attachments,
        PollingInterval = options.PollingInterval.Value,
        options.Backlog.Mode,
        options.Backlog.Count,
        BacklogAge = options.Backlog.Age?.Value,
    });
}
