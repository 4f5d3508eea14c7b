using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Parley.Triage.Actions;

namespace Parley.Triage.Configuration;

/// <summary>
/// Every rule of the <c>triage:</c> section that binding alone does not enforce, each failure naming its key as written
/// in YAML (<c>Triage:accounts:0:imap:port: must be 1–65535</c>): ranges, names that must be unique or must refer to
/// something, files that must exist, and unset <c>${ENV_VAR}</c> references.
/// </summary>
internal sealed partial class TriageOptionsValidator : IValidateOptions<TriageOptions>
{
    private const string S = TriageOptions.Section;

    public ValidateOptionsResult Validate(string? name, TriageOptions options)
    {
        var problems = new List<string>();
        void Fail(string key, string reason) => problems.Add($"{S}:{key}: {reason}");

        Positive(options.State.ProcessedTtl, "state:processed_ttl", Fail);
        Positive(options.State.AuditRetention, "state:audit_retention", Fail);
        Positive(options.Dashboard.SessionTtl, "dashboard:session_ttl", Fail);
        Positive(options.Shutdown.Timeout, "shutdown:timeout", Fail);
        AtLeastASecond(options.PollingInterval, "polling_interval", Fail);
        if (options.ConcurrencyLimit is < 1 or > 1000)
        {
            Fail("concurrency_limit", "must be 1–1000");
        }
        if (!string.IsNullOrWhiteSpace(options.Logging.Level) && options.Logging.MinimumLevel is null)
        {
            Fail("logging:level", $"'{options.Logging.Level}' is not one of {string.Join(", ", MailpilotLoggingOptions.Levels)}");
        }
        if (options.Server.Port is < 1 or > 65535)
        {
            Fail("server:port", "must be 1–65535");
        }
        if (options.FetchBatch.Count is < 1 or > 1000)
        {
            Fail("fetch_batch:count", "must be 1–1000");
        }
        if (options.FetchBatch.MaxMb is <= 0 or > 1024 || double.IsNaN(options.FetchBatch.MaxMb))
        {
            Fail("fetch_batch:max_mb", "must be more than 0 and at most 1024");
        }
        ValidateRetry(options.Retry, Fail);
        Fraction(options.Confidence.MinimumThreshold, "confidence:minimum_threshold", Fail);
        ValidateBacklog(options.Backlog, Fail);
        OnePrompt(options.DefaultPrompt, options.DefaultPromptFile, "default_prompt", "default_prompt_file", Fail);
        ValidateAttachments(options.Attachments, "attachments", Fail);
        ValidateNotifications(options.Notifications, "notifications", Fail);
        ValidateAntivirus(options.Antivirus, Fail);
        if (options.Sandbox.PreviewLimit is < 1 or > SandboxOptions.MaxPreviewLimit)
        {
            Fail("sandbox:preview_limit", $"must be 1–{SandboxOptions.MaxPreviewLimit}");
        }
        if (options.Sandbox.MaxEmailBytes is < 1 or > SandboxOptions.MaxEmailBytesLimit)
        {
            Fail("sandbox:max_email_bytes", $"must be 1–{SandboxOptions.MaxEmailBytesLimit}");
        }

        var providers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.LlmProviders.Count; i++)
        {
            ValidateProvider(options.LlmProviders[i], "llm_providers:" + Index(i), providers, Fail);
        }
        var accounts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            ValidateAccount(options.Accounts[i], "accounts:" + Index(i), accounts, providers, Fail);
        }
        for (var i = 0; i < options.Inboxes.Count; i++)
        {
            ValidateInbox(options.Inboxes[i], "inboxes:" + Index(i), accounts, providers, Fail);
        }
        var rules = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            ValidateRule(options.Rules[i], "rules:" + Index(i), rules, accounts, Fail);
        }

        problems.AddRange(EnvironmentReferences.Unset(options));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void ValidateRetry(RetryOptions retry, Action<string, string> fail)
    {
        if (retry.MaxAttempts is < 1 or > 100)
        {
            fail("retry:max_attempts", "must be 1–100");
        }
        Positive(retry.InitialDelay, "retry:initial_delay", fail);
        if (retry.Multiplier is < 1 or > 100 || double.IsNaN(retry.Multiplier))
        {
            fail("retry:multiplier", "must be 1–100");
        }
        if (retry.MaxDelay.Value < retry.InitialDelay.Value)
        {
            fail("retry:max_delay", "must not be shorter than retry:initial_delay");
        }
    }

    private static void ValidateBacklog(BacklogOptions backlog, Action<string, string> fail)
    {
        if (!BacklogOptions.Modes.Contains(backlog.Mode))
        {
            fail("backlog:mode", $"'{backlog.Mode}' is not one of {string.Join(", ", BacklogOptions.Modes)}");
        }
        if (backlog.Mode == BacklogOptions.RecentCount && backlog.Count is null)
        {
            fail("backlog:count", "required when backlog:mode is recent_count");
        }
        if (backlog.Count is < 1)
        {
            fail("backlog:count", "must be at least 1");
        }
        if (backlog.Mode == BacklogOptions.RecentDays && backlog.Age is null)
        {
            fail("backlog:age", "required when backlog:mode is recent_days");
        }
        if (backlog.Age is { } age)
        {
            Positive(age, "backlog:age", fail);
        }
    }

    private static void ValidateProvider(LlmProviderOptions provider, string key, HashSet<string> names, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(provider.Name))
        {
            fail(key + ":name", "required");
        }
        else if (!names.Add(provider.Name))
        {
            fail(key + ":name", $"another LLM provider is already named '{provider.Name}'");
        }
        HttpUrl(provider.ApiUrl, key + ":api_url", fail);
        if (string.IsNullOrWhiteSpace(provider.DefaultModel))
        {
            fail(key + ":default_model", "required");
        }
        if (provider.MaxBodyTokens is < 1 or > 1_000_000)
        {
            fail(key + ":max_body_tokens", "must be 1–1000000");
        }
        if (provider.MaxThreadTokens is < 1 or > 1_000_000)
        {
            fail(key + ":max_thread_tokens", "must be 1–1000000");
        }
        if (provider.RateLimitRpm is < 1 or > 1_000_000)
        {
            fail(key + ":rate_limit_rpm", "must be 1–1000000");
        }
    }

    private static void ValidateAccount(AccountOptions account, string key, HashSet<string> names, HashSet<string> providers, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(account.Name))
        {
            fail(key + ":name", "required");
        }
        else if (!names.Add(account.Name))
        {
            fail(key + ":name", $"another account is already named '{account.Name}'");
        }

        var imap = account.Imap;
        if (string.IsNullOrWhiteSpace(imap.Host))
        {
            fail(key + ":imap:host", "required");
        }
        if (imap.Port is < 1 or > 65535)
        {
            fail(key + ":imap:port", "must be 1–65535");
        }
        if (string.IsNullOrWhiteSpace(imap.Username))
        {
            fail(key + ":imap:username", "required");
        }
        if (imap.Auth == ImapAuth.Basic && string.IsNullOrEmpty(imap.Password))
        {
            fail(key + ":imap:password", "required when imap:auth is basic");
        }
        if (imap.Auth == ImapAuth.OAuth2)
        {
            if (imap.OAuthProvider is null)
            {
                fail(key + ":imap:oauth_provider", "required when imap:auth is oauth2 (google or microsoft)");
            }
            if (string.IsNullOrEmpty(imap.OAuthClientId))
            {
                fail(key + ":imap:oauth_client_id", "required when imap:auth is oauth2");
            }
            if (string.IsNullOrEmpty(imap.OAuthRefreshToken))
            {
                fail(key + ":imap:oauth_refresh_token", "required when imap:auth is oauth2");
            }
            if (!string.IsNullOrEmpty(imap.OAuthTokenUrl))
            {
                HttpUrl(imap.OAuthTokenUrl, key + ":imap:oauth_token_url", fail);
            }
        }
        for (var i = 0; i < imap.TrustedTlsFingerprints.Count; i++)
        {
            if (!Sha256Fingerprint().IsMatch(imap.TrustedTlsFingerprints[i]))
            {
                fail(key + ":imap:trusted_tls_fingerprints:" + Index(i), "must be a SHA-256 fingerprint (64 hexadecimal digits, colons allowed)");
            }
        }

        var folders = account.Folders;
        for (var i = 0; i < folders.Watch.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(folders.Watch[i]))
            {
                fail(key + ":folders:watch:" + Index(i), "must not be empty");
            }
        }
        if (folders.Mode is not (FoldersOptions.Predefined or FoldersOptions.AutoCreate))
        {
            fail(key + ":folders:mode", $"'{folders.Mode}' is not one of predefined, auto_create");
        }

        if (account.PollingInterval is { } interval)
        {
            AtLeastASecond(interval, key + ":polling_interval", fail);
        }
        ValidateClassificationKeys(account, key, providers, fail);

        for (var i = 0; i < account.Webhooks.Count; i++)
        {
            var hook = account.Webhooks[i];
            var hookKey = key + ":webhooks:" + Index(i);
            HttpUrl(hook.Url, hookKey + ":url", fail);
            if (hook.Events.Count == 0)
            {
                fail(hookKey + ":events", "must name at least one event");
            }
            foreach (var unknown in hook.Events.Where(e => !WebhookOptions.KnownEvents.Contains(e)))
            {
                fail(hookKey + ":events", $"unknown event '{unknown}' (one of {string.Join(", ", WebhookOptions.KnownEvents)})");
            }
            foreach (var (header, value) in hook.Headers)
            {
                // The key names the header, never its value (a token).
                if (Parley.Core.Webhooks.WebhookTransport.ReservedHeaders.Contains(header))
                {
                    fail(hookKey + ":headers:" + header, "is set by the delivery itself and cannot be overridden");
                }
                else if (!HeaderName().IsMatch(header))
                {
                    fail(hookKey + ":headers:" + header, "is not a valid header name");
                }
                else if (value.Any(c => c is '\r' or '\n' or '\0'))
                {
                    fail(hookKey + ":headers:" + header, "must be one line");
                }
            }
        }
        if (account.Attachments is { } attachments)
        {
            ValidateAttachments(attachments, key + ":attachments", fail);
        }
        foreach (var unknown in account.Notifications.Events.Where(e => !NotificationsOptions.KnownEvents.Contains(e)))
        {
            fail(key + ":notifications:events", $"unknown event '{unknown}' (one of {string.Join(", ", NotificationsOptions.KnownEvents)})");
        }
        ValidateMailRoute(account.Forward, key + ":forward", "forward", account.Imap.Username, fail);
        ValidateConnection(account, key, fail);
        ValidateDecisionKeys(account, key, fail);
    }

    private static void ValidateConnection(AccountOptions account, string key, Action<string, string> fail)
    {
        AtLeastASecond(account.Imap.Timeout, key + ":imap:timeout", fail);
        AtLeastASecond(account.IdleRefresh, key + ":idle_refresh", fail);
        if (account.IdleRefresh.Value > TimeSpan.FromMinutes(29))
        {
            fail(key + ":idle_refresh", "must be at most 29m (servers may drop an IDLE after 30 minutes)");
        }
        Positive(account.ReconnectInitialDelay, key + ":reconnect_initial_delay", fail);
        if (account.ReconnectMaxDelay.Value < account.ReconnectInitialDelay.Value)
        {
            fail(key + ":reconnect_max_delay", "must not be shorter than reconnect_initial_delay");
        }
        foreach (var (name, value) in new[] { ("archive_folder", account.Folders.ArchiveFolder), ("trash_folder", account.Folders.TrashFolder), ("junk_folder", account.Folders.JunkFolder) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                fail(key + ":folders:" + name, "must not be empty");
            }
        }
    }

    private static void ValidateDecisionKeys(AccountOptions account, string key, Action<string, string> fail)
    {
        if (account.ReviewFolder is { } review && review.Length > 0 && string.IsNullOrWhiteSpace(review))
        {
            fail(key + ":review_folder", "must not be blank");
        }
        var categories = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < account.Categories.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(account.Categories[i]))
            {
                fail(key + ":categories:" + Index(i), "must not be empty");
            }
            else if (!categories.Add(account.Categories[i].Trim()))
            {
                fail(key + ":categories:" + Index(i), $"'{account.Categories[i]}' is listed twice");
            }
        }
    }

    /// <summary>
    /// A <see cref="MailRouteOptions"/> (<paramref name="name"/>: <c>forward</c> or <c>email</c>): an inbox or a relay,
    /// not both; a relay needs a sender — <c>from</c>, else <paramref name="fallbackFrom"/> when that is an address.
    /// </summary>
    private static void ValidateMailRoute(MailRouteOptions route, string key, string name, string? fallbackFrom, Action<string, string> fail)
    {
        var relay = !string.IsNullOrWhiteSpace(route.Smtp.Host);
        if (!string.IsNullOrWhiteSpace(route.FromInbox))
        {
            if (!IsAddress(route.FromInbox))
            {
                fail(key + ":from_inbox", "must be an address (local@domain)");
            }
            if (relay)
            {
                fail(key + ":smtp:host", $"give {name}:from_inbox or {name}:smtp, not both");
            }
        }
        if (!string.IsNullOrWhiteSpace(route.From) && !IsAddress(route.From))
        {
            fail(key + ":from", "must be an address (local@domain)");
        }
        if (relay && string.IsNullOrWhiteSpace(route.From) && (fallbackFrom is null || !IsAddress(fallbackFrom)))
        {
            fail(key + ":from", fallbackFrom is null ? $"required with {name}:smtp" : $"required with {name}:smtp when imap:username is not an address");
        }
        if (route.Smtp.Port is < 1 or > 65535)
        {
            fail(key + ":smtp:port", "must be 1–65535");
        }
        if (!string.IsNullOrEmpty(route.Smtp.Username) && string.IsNullOrEmpty(route.Smtp.Password))
        {
            fail(key + ":smtp:password", $"required with {name}:smtp:username");
        }
        Positive(route.Smtp.Timeout, key + ":smtp:timeout", fail);
    }

    private static void ValidateNotifications(TriageNotificationOptions notifications, string key, Action<string, string> fail)
    {
        var email = notifications.Email;
        if (email.Enabled && string.IsNullOrWhiteSpace(email.Smtp.Host) && string.IsNullOrWhiteSpace(email.FromInbox))
        {
            fail(key + ":email", "give email:from_inbox or email:smtp when email:enabled is true");
        }
        ValidateMailRoute(email, key + ":email", "email", null, fail);
        AtLeastASecond(notifications.ConnectionLostAfter, key + ":connection_lost_after", fail);
        if (notifications.DailySummary.TimeOfDay() is null)
        {
            fail(key + ":daily_summary:time", "must be HH:mm (24-hour)");
        }
        if (notifications.DailySummary.Zone() is null)
        {
            fail(key + ":daily_summary:time_zone", $"unknown time zone '{notifications.DailySummary.TimeZone}' (an IANA name such as Europe/Berlin, or UTC)");
        }
    }

    /// <summary>One <c>@</c> with something either side; a reference still unresolved is reported as an unset variable instead.</summary>
    internal static bool IsAddress(string value)
    {
        var address = value.Trim();
        if (address.Contains("${", StringComparison.Ordinal))
        {
            return true;
        }
        var at = address.IndexOf('@');
        return at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1 && !address.Any(char.IsWhiteSpace);
    }

    /// <summary>The keys an account and an inbox share (<see cref="ClassificationKeys"/>), checked the same way for both.</summary>
    private static void ValidateClassificationKeys(ClassificationKeys keys, string key, HashSet<string> providers, Action<string, string> fail)
    {
        for (var i = 0; i < keys.AllowedActions.Count; i++)
        {
            if (TriageActionNames.Parse(keys.AllowedActions[i]) is null)
            {
                fail(key + ":allowed_actions:" + Index(i), $"unknown action '{keys.AllowedActions[i]}' (one of {ActionList()})");
            }
        }
        if (keys.MinimumConfidence is { } confidence)
        {
            Fraction(confidence, key + ":minimum_confidence", fail);
        }
        OnePrompt(keys.PromptOverride, keys.PromptFile, key + ":prompt_override", key + ":prompt_file", fail);
        if (!string.IsNullOrEmpty(keys.LlmProvider) && !providers.Contains(keys.LlmProvider))
        {
            fail(key + ":llm_provider", $"no LLM provider is named '{keys.LlmProvider}'");
        }
        if (!string.IsNullOrEmpty(keys.Llm.Provider) && !providers.Contains(keys.Llm.Provider))
        {
            fail(key + ":llm:provider", $"no LLM provider is named '{keys.Llm.Provider}'");
        }
        if (!string.IsNullOrEmpty(keys.LlmProvider) && !string.IsNullOrEmpty(keys.Llm.Provider) && keys.LlmProvider != keys.Llm.Provider)
        {
            fail(key + ":llm:provider", "disagrees with llm_provider; give one");
        }
        for (var i = 0; i < keys.PrivateSenders.Count; i++)
        {
            var sender = keys.PrivateSenders[i].Trim();
            var domainOnly = sender.StartsWith('@') && sender.Length > 1 && sender.IndexOf('@', 1) < 0 && !sender.Any(char.IsWhiteSpace);
            if (!domainOnly && !IsAddress(sender))
            {
                fail(key + ":private_senders:" + Index(i), "must be an address (a@b.example) or a domain (@b.example)");
            }
        }
    }

    /// <summary>An inbox's classification keys are checked as an account's; its account name joins the names rules may list.</summary>
    private static void ValidateInbox(InboxOptions inbox, string key, HashSet<string> names, HashSet<string> providers, Action<string, string> fail)
    {
        var hasAddress = !string.IsNullOrWhiteSpace(inbox.Address);
        if (hasAddress == (inbox.InboxId is not null))
        {
            fail(key + ":address", "give address or inbox_id (one of them)");
        }
        else if (hasAddress && (inbox.Address!.Trim() is var address && (address.IndexOf('@') <= 0 || address.IndexOf('@') != address.LastIndexOf('@') || address.EndsWith('@'))))
        {
            fail(key + ":address", "must be an address (local@domain)");
        }
        else if (!names.Add(inbox.AccountName))
        {
            fail(key + (hasAddress ? ":address" : ":inbox_id"), "this inbox is listed twice");
        }
        ValidateClassificationKeys(inbox, key, providers, fail);
    }

    private static void ValidateRule(RuleOptions rule, string key, HashSet<string> names, HashSet<string> accounts, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            fail(key + ":name", "required");
        }
        else if (!names.Add(rule.Name))
        {
            fail(key + ":name", $"another rule is already named '{rule.Name}'");
        }
        if (rule.Conditions.Count == 0)
        {
            fail(key + ":conditions", "must have at least one condition");
        }
        for (var i = 0; i < rule.Conditions.Count; i++)
        {
            var condition = rule.Conditions[i];
            var conditionKey = key + ":conditions:" + Index(i);
            if (condition.Field == RuleField.Header && string.IsNullOrWhiteSpace(condition.Header))
            {
                fail(conditionKey + ":header", "required when field is header");
            }
            switch (condition.Op)
            {
                case RuleOperator.Regex:
                    try
                    {
                        _ = new Regex(condition.Value, RegexOptions.None, TimeSpan.FromSeconds(1));
                    }
                    catch (ArgumentException ex)
                    {
                        fail(conditionKey + ":value", "not a valid regular expression: " + ex.Message);
                    }
                    break;
                case RuleOperator.Greater or RuleOperator.Less:
                    if (condition.Field is not (RuleField.Size or RuleField.Attachment))
                    {
                        fail(conditionKey + ":op", "greater and less compare size or attachment (a count) only");
                    }
                    if (!long.TryParse(condition.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        fail(conditionKey + ":value", "must be a whole number for greater and less");
                    }
                    break;
                default:
                    if (condition.Field == RuleField.Size)
                    {
                        fail(conditionKey + ":op", "size is compared with greater or less");
                    }
                    break;
            }
        }
        if (rule.Actions.Count == 0)
        {
            fail(key + ":actions", "must have at least one action (none is an action)");
        }
        for (var i = 0; i < rule.Actions.Count; i++)
        {
            var action = rule.Actions[i];
            var actionKey = key + ":actions:" + Index(i);
            var kind = TriageActionNames.Parse(action.Type);
            if (kind is null)
            {
                fail(actionKey + ":type", $"unknown action '{action.Type}' (one of {ActionList()})");
            }
            else if (kind is TriageActionKind.Move or TriageActionKind.Copy && string.IsNullOrWhiteSpace(action.Folder))
            {
                fail(actionKey + ":folder", "required for " + action.Type);
            }
            else if (kind == TriageActionKind.Forward && string.IsNullOrWhiteSpace(action.ForwardTo))
            {
                fail(actionKey + ":forward_to", "required for forward");
            }
            else if (kind == TriageActionKind.Forward && !IsAddress(action.ForwardTo!))
            {
                fail(actionKey + ":forward_to", "must be an address (local@domain)");
            }
            else if (kind is TriageActionKind.Flag or TriageActionKind.Unflag && action.Flags.Count == 0)
            {
                fail(actionKey + ":flags", "required for " + action.Type);
            }
            else if (kind is TriageActionKind.Label or TriageActionKind.Unlabel && action.Labels.Count == 0)
            {
                fail(actionKey + ":labels", "required for " + action.Type);
            }
        }
        foreach (var unknown in rule.Accounts.Where(a => !accounts.Contains(a)))
        {
            fail(key + ":accounts", $"no account is named '{unknown}'");
        }
    }

    private static void ValidateAttachments(AttachmentsOptions attachments, string key, Action<string, string> fail)
    {
        if (attachments.MaxSizeMb is <= 0 or > 1024 || double.IsNaN(attachments.MaxSizeMb))
        {
            fail(key + ":max_size_mb", "must be more than 0 and at most 1024");
        }
        if (attachments.MaxExtractedChars is < 1 or > 10_000_000)
        {
            fail(key + ":max_extracted_chars", "must be 1–10000000");
        }
        if (attachments.MaxImages is < 0 or > 100)
        {
            fail(key + ":max_images", "must be 0–100");
        }
    }

    private static void OnePrompt(string? prompt, string? file, string promptKey, string fileKey, Action<string, string> fail)
    {
        if (!string.IsNullOrEmpty(prompt) && !string.IsNullOrEmpty(file))
        {
            fail(fileKey, $"give {promptKey.Split(':')[^1]} or {fileKey.Split(':')[^1]}, not both");
        }
        // A reference still unresolved is reported as an unset variable instead.
        if (!string.IsNullOrEmpty(file) && !file.Contains("${", StringComparison.Ordinal) && !File.Exists(file))
        {
            fail(fileKey, $"file not found: {file}");
        }
    }

    private static void HttpUrl(string value, string key, Action<string, string> fail)
    {
        if (value.Contains("${", StringComparison.Ordinal))
        {
            return;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            fail(key, "must be an absolute http(s) URL");
        }
    }

    private static void Positive(Duration duration, string key, Action<string, string> fail)
    {
        if (duration.Value <= TimeSpan.Zero)
        {
            fail(key, "must be longer than 0 (30s, 5m, 24h, 7d)");
        }
    }

    private static void AtLeastASecond(Duration duration, string key, Action<string, string> fail)
    {
        if (duration.Value < TimeSpan.FromSeconds(1))
        {
            fail(key, "must be at least 1s");
        }
    }

    private static void Fraction(double value, string key, Action<string, string> fail)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            fail(key, "must be 0–1");
        }
    }

    private static string ActionList() => string.Join(", ", Enum.GetValues<TriageActionKind>().Select(TriageActionNames.Of));

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Fingerprint();

    /// <summary>An HTTP field name (RFC 9110 token).</summary>
    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderName();

    private static void ValidateAntivirus(AntivirusOptions antivirus, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(antivirus.Host))
        {
            fail("antivirus:host", "is required");
        }
        if (antivirus.Port is < 1 or > 65535)
        {
            fail("antivirus:port", "must be 1–65535");
        }
        Positive(antivirus.Timeout, "antivirus:timeout", fail);
        if (!AntivirusOptions.Actions.Contains(antivirus.OnVirusDetected))
        {
            fail("antivirus:on_virus_detected", $"'{antivirus.OnVirusDetected}' is not one of {string.Join(", ", AntivirusOptions.Actions)}");
        }
        if (!AntivirusOptions.ScanErrorActions.Contains(antivirus.OnScanError))
        {
            fail("antivirus:on_scan_error", $"'{antivirus.OnScanError}' is not one of {string.Join(", ", AntivirusOptions.ScanErrorActions)}");
        }
    }
}
