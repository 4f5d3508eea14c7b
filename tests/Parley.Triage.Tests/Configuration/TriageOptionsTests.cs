using Microsoft.Extensions.Options;
using Parley.Triage.Configuration;

namespace Parley.Triage.Tests.Configuration;

/// <summary>Mailpilot's configuration shape under <c>triage:</c>: it binds, every bad value is named, secrets come from the environment.</summary>
public sealed class TriageOptionsTests
{
    // Written from Mailpilot's documented example (config.example.yaml and its configuration reference), plus the
    // keys Parley adds (kind, private, allowed_actions, rules, retry, confidence, shutdown).
    private const string MailpilotShaped = """
        triage:
          polling_interval: 45s
          concurrency_limit: 3
          dry_run: true
          add_processing_headers: true
          backlog:
            mode: recent_days
            age: 7d
          state:
            database_path: ./data/mailpilot.db
            processed_ttl: 48h
            audit_retention: 90d
            audit_subjects: true
          dashboard:
            enabled: true
            session_ttl: 12h
          retry:
            max_attempts: 6
            initial_delay: 2m
            multiplier: 3
            max_delay: 1d
            jitter: false
          confidence:
            minimum_threshold: 0.8
          shutdown:
            timeout: 1m
          logging:
            level: debug
            file: ./logs/mailpilot.log
            include_subjects: false
          server:
            port: 8080
            auth_token: status-token
          llm_providers:
            - name: openai
              api_url: https://api.openai.com/v1/chat/completions
              api_key: ${TRIAGE_TEST_OPENAI_KEY}
              default_model: gpt-4o-mini
              max_body_tokens: 3000
              max_thread_tokens: 1500
              rate_limit_rpm: 60
            - name: claude
              kind: anthropic
              api_url: https://api.anthropic.com
              default_model: claude-sonnet
              supports_vision: true
          default_prompt: |
            You are an email classifier.
          accounts:
            - name: personal-gmail
              imap:
                host: imap.gmail.com
                port: 993
                tls: auto
                auth: oauth2
                username: me@gmail.com
                oauth_provider: google
                oauth_client_id: client-1
                oauth_client_secret: ${TRIAGE_TEST_CLIENT_SECRET}
                oauth_refresh_token: ${TRIAGE_TEST_REFRESH_TOKEN}
              llm:
                provider: openai
                model: gpt-4o
              folders:
                watch: [INBOX, Later]
                mode: auto_create
                allowed: [Work, Personal, Newsletters]
              allowed_actions: [move, flag, mark_read, spam, none]
              minimum_confidence: 0.9
              polling_interval: 2m
              prompt_override: Sort my mail.
              webhooks:
                - url: https://hooks.example.com/mailpilot
                  events: [error, action_taken]
                  headers:
                    Authorization: Bearer ${TRIAGE_TEST_WEBHOOK_TOKEN}
              attachments:
                enabled: true
                max_size_mb: 5
              notifications:
                users: [admin]
                events: [exhausted]
            - name: work
              imap:
                host: mail.example.com
                port: 143
                tls: starttls
                username: me
                password: ${TRIAGE_TEST_WORK_PASSWORD}
                trusted_tls_fingerprints:
                  - AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89
              llm_provider: claude
              private: true
              dry_run: false
          rules:
            - name: newsletters
              match: any
              conditions:
                - field: from
                  op: contains
                  value: newsletter@
                - field: header
                  header: List-Id
                  op: regex
                  value: ^<.+>$
              actions:
                - type: move
                  folder: Newsletters
                - type: mark_read
              category: newsletter
              stop: true
            - name: big
              conditions:
                - field: size
                  op: greater
                  value: 10000000
              actions:
                - type: flag
                  flags: [\Flagged]
        """;

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["TRIAGE_TEST_OPENAI_KEY"] = "sk-test",
        ["TRIAGE_TEST_CLIENT_SECRET"] = "client-secret",
        ["TRIAGE_TEST_REFRESH_TOKEN"] = "refresh-token",
        ["TRIAGE_TEST_WEBHOOK_TOKEN"] = "hook-token",
        ["TRIAGE_TEST_WORK_PASSWORD"] = "work-password",
    };

    [Fact]
    public void A_mailpilot_shaped_file_binds_to_the_expected_values_with_its_secrets_from_the_environment()
    {
        using var _ = new EnvironmentVariables(Secrets);
        using var config = new TriageConfiguration(MailpilotShaped);

        Assert.Empty(config.Problems());
        var o = config.Options();
        Assert.Equal(TimeSpan.FromSeconds(45), o.PollingInterval.Value);
        Assert.Equal((Microsoft.Extensions.Logging.LogLevel?)Microsoft.Extensions.Logging.LogLevel.Debug, o.Logging.MinimumLevel);
        Assert.Equal(8080, o.Server.Port);
        Assert.Equal(3, o.ConcurrencyLimit);
        Assert.True(o.DryRun);
        Assert.True(o.AddProcessingHeaders);
        Assert.Equal(("recent_days", TimeSpan.FromDays(7)), (o.Backlog.Mode, o.Backlog.Age!.Value.Value));
        Assert.Equal("./data/mailpilot.db", o.State.DatabasePath);
        Assert.Equal(TimeSpan.FromHours(48), o.State.ProcessedTtl.Value);
        Assert.Equal(TimeSpan.FromDays(90), o.State.AuditRetention.Value);
        Assert.True(o.State.AuditSubjects);
        Assert.Equal(TimeSpan.FromHours(12), o.Dashboard.SessionTtl.Value);
        Assert.Equal((6, TimeSpan.FromMinutes(2), 3.0, TimeSpan.FromDays(1), false),
            (o.Retry.MaxAttempts, o.Retry.InitialDelay.Value, o.Retry.Multiplier, o.Retry.MaxDelay.Value, o.Retry.Jitter));
        Assert.Equal(0.8, o.Confidence.MinimumThreshold);
        Assert.Equal(TimeSpan.FromMinutes(1), o.Shutdown.Timeout.Value);
        Assert.Equal("You are an email classifier.\n", o.DefaultPrompt);

        Assert.Equal(2, o.LlmProviders.Count);
        var openai = o.LlmProviders[0];
        Assert.Equal(("openai", "https://api.openai.com/v1/chat/completions", "sk-test", "gpt-4o-mini", 3000, 1500, 60, LlmProviderKind.OpenAI),
            (openai.Name, openai.ApiUrl, openai.ApiKey, openai.DefaultModel, openai.MaxBodyTokens, openai.MaxThreadTokens, openai.RateLimitRpm, openai.Kind));
        Assert.Equal((LlmProviderKind.Anthropic, true, null, 4000), (o.LlmProviders[1].Kind, o.LlmProviders[1].SupportsVision, o.LlmProviders[1].ApiKey, o.LlmProviders[1].MaxBodyTokens));

        var gmail = o.Accounts[0];
        Assert.Equal("personal-gmail", gmail.Name);
        Assert.Equal(("imap.gmail.com", 993, ImapTlsMode.Auto, ImapAuth.OAuth2, "me@gmail.com"), (gmail.Imap.Host, gmail.Imap.Port, gmail.Imap.Tls, gmail.Imap.Auth, gmail.Imap.Username));
        Assert.Equal((OAuthProvider.Google, "client-1", "client-secret", "refresh-token"),
            (gmail.Imap.OAuthProvider, gmail.Imap.OAuthClientId, gmail.Imap.OAuthClientSecret, gmail.Imap.OAuthRefreshToken));
        Assert.Equal(("openai", "gpt-4o"), (gmail.Llm.Provider, gmail.Llm.Model));
        Assert.Equal(["INBOX", "Later"], gmail.Folders.Watch);
        Assert.Equal("auto_create", gmail.Folders.Mode);
        Assert.Equal(["Work", "Personal", "Newsletters"], gmail.Folders.Allowed);
        Assert.Equal(["move", "flag", "mark_read", "spam", "none"], gmail.AllowedActions);
        Assert.Equal(0.9, gmail.MinimumConfidence);
        Assert.Equal(TimeSpan.FromMinutes(2), gmail.PollingInterval!.Value.Value);
        Assert.Equal("Sort my mail.", gmail.PromptOverride);
        Assert.Equal("https://hooks.example.com/mailpilot", gmail.Webhooks[0].Url);
        Assert.Equal(["error", "action_taken"], gmail.Webhooks[0].Events);
        Assert.Equal("Bearer hook-token", gmail.Webhooks[0].Headers["Authorization"]);
        Assert.Equal((true, 5.0), (gmail.Attachments!.Enabled, gmail.Attachments.MaxSizeMb));
        Assert.Equal(["exhausted"], gmail.Notifications.Events);
        Assert.Null(gmail.DryRun);

        var work = o.Accounts[1];
        Assert.Equal((143, ImapTlsMode.StartTls, ImapAuth.Basic, "work-password"), (work.Imap.Port, work.Imap.Tls, work.Imap.Auth, work.Imap.Password));
        Assert.Single(work.Imap.TrustedTlsFingerprints);
        Assert.Equal(("claude", true, false), (work.LlmProvider, work.Private, work.DryRun));
        Assert.Equal(["INBOX"], work.Folders.WatchedFolders());
        Assert.Null(work.Attachments);

        var rule = o.Rules[0];
        Assert.Equal(("newsletters", RuleMatch.Any, "newsletter", true), (rule.Name, rule.Match, rule.Category, rule.Stop));
        Assert.Equal((RuleField.From, RuleOperator.Contains, "newsletter@"), (rule.Conditions[0].Field, rule.Conditions[0].Op, rule.Conditions[0].Value));
        Assert.Equal((RuleField.Header, "List-Id", RuleOperator.Regex), (rule.Conditions[1].Field, rule.Conditions[1].Header, rule.Conditions[1].Op));
        Assert.Equal(("move", "Newsletters"), (rule.Actions[0].Type, rule.Actions[0].Folder));
        Assert.Equal("mark_read", rule.Actions[1].Type);
        Assert.Equal((RuleMatch.All, RuleField.Size, RuleOperator.Greater), (o.Rules[1].Match, o.Rules[1].Conditions[0].Field, o.Rules[1].Conditions[0].Op));
        Assert.Equal([@"\Flagged"], o.Rules[1].Actions[0].Flags);
    }

    [Fact]
    public void No_triage_section_is_valid_and_leaves_triage_idle_with_mailpilots_defaults()
    {
        using var config = new TriageConfiguration("storage:\n  provider: sqlite\n");

        Assert.Empty(config.Problems());
        var o = config.Options();
        Assert.Empty(o.Accounts);
        Assert.Empty(o.LlmProviders);
        Assert.Equal(TimeSpan.FromHours(24), o.State.ProcessedTtl.Value);
        Assert.Equal(TimeSpan.FromDays(30), o.State.AuditRetention.Value);
        Assert.False(o.State.AuditSubjects);
        Assert.Equal(TimeSpan.FromHours(24), o.Dashboard.SessionTtl.Value);
        Assert.Equal((5, TimeSpan.FromMinutes(5), 2.0, TimeSpan.FromHours(24), true),
            (o.Retry.MaxAttempts, o.Retry.InitialDelay.Value, o.Retry.Multiplier, o.Retry.MaxDelay.Value, o.Retry.Jitter));
        Assert.Equal(5, o.ConcurrencyLimit);
        Assert.Equal("new_only", o.Backlog.Mode);
    }

    [Fact]
    public void An_unset_environment_variable_is_a_named_error()
    {
        using var config = new TriageConfiguration("""
            triage:
              accounts:
                - name: a
                  imap: { host: h, username: u, password: "${TRIAGE_TEST_SURELY_UNSET_1}" }
            """);

        Assert.Equal(["Triage:accounts:0:imap:password: environment variable TRIAGE_TEST_SURELY_UNSET_1 is not set"], config.Problems());
    }

    [Theory]
    [InlineData("triage:\n  state:\n    processed_ttl: soon", "Triage:state:processed_ttl: 'soon' is not a valid Duration")]
    [InlineData("triage:\n  state:\n    audit_retention: 0d", "Triage:state:audit_retention: must be longer than 0")]
    [InlineData("triage:\n  dashboard:\n    session_ttl: 24", "Triage:dashboard:session_ttl: '24' is not a valid Duration")]
    [InlineData("triage:\n  concurrency_limit: 0", "Triage:concurrency_limit: must be 1–1000")]
    [InlineData("triage:\n  concurrency_limit: many", "Triage:concurrency_limit: 'many' is not a valid whole number")]
    [InlineData("triage:\n  logging:\n    level: loud", "Triage:logging:level: 'loud' is not one of debug, info, warn, error")]
    [InlineData("triage:\n  server:\n    port: 0", "Triage:server:port: must be 1–65535")]
    [InlineData("triage:\n  fetch_batch:\n    count: 0", "Triage:fetch_batch:count: must be 1–1000")]
    [InlineData("triage:\n  antivirus:\n    enabled: true\n    host: ''", "Triage:antivirus:host: is required")]
    [InlineData("triage:\n  antivirus:\n    port: 70000", "Triage:antivirus:port: must be 1–65535")]
    [InlineData("triage:\n  antivirus:\n    timeout: 0s", "Triage:antivirus:timeout: must be longer than 0")]
    [InlineData("triage:\n  antivirus:\n    on_virus_detected: ignore", "Triage:antivirus:on_virus_detected: 'ignore' is not one of quarantine, delete, flag_only")]
    [InlineData("triage:\n  antivirus:\n    on_scan_error: ignore", "Triage:antivirus:on_scan_error: 'ignore' is not one of classify, dead_letter")]
    [InlineData("triage:\n  fetch_batch:\n    max_mb: 0", "Triage:fetch_batch:max_mb: must be more than 0 and at most 1024")]
    [InlineData("triage:\n  retry:\n    max_attempts: 0", "Triage:retry:max_attempts: must be 1–100")]
    [InlineData("triage:\n  retry:\n    multiplier: 0.5", "Triage:retry:multiplier: must be 1–100")]
    [InlineData("triage:\n  retry:\n    initial_delay: 2h\n    max_delay: 1h", "Triage:retry:max_delay: must not be shorter than retry:initial_delay")]
    [InlineData("triage:\n  confidence:\n    minimum_threshold: 1.5", "Triage:confidence:minimum_threshold: must be 0–1")]
    [InlineData("triage:\n  backlog:\n    mode: some", "Triage:backlog:mode: 'some' is not one of all, recent_count, recent_days, new_only")]
    [InlineData("triage:\n  backlog:\n    mode: recent_count", "Triage:backlog:count: required when backlog:mode is recent_count")]
    [InlineData("triage:\n  default_prompt: a\n  default_prompt_file: /nonexistent/prompt.txt", "Triage:default_prompt_file: give default_prompt or default_prompt_file, not both")]
    [InlineData("triage:\n  default_prompt_file: /nonexistent/prompt.txt", "Triage:default_prompt_file: file not found: /nonexistent/prompt.txt")]
    [InlineData("triage:\n  state:\n    processed_tll: 1h", "Triage:state:processed_tll: unknown setting")]
    [InlineData("triage:\n  llm_providers:\n    - { name: x, api_url: 'ftp://x', default_model: m }", "Triage:llm_providers:0:api_url: must be an absolute http(s) URL")]
    [InlineData("triage:\n  llm_providers:\n    - { name: x, api_url: 'http://x', default_model: m }\n    - { name: x, api_url: 'http://y', default_model: m }", "Triage:llm_providers:1:name: another LLM provider is already named 'x'")]
    [InlineData("triage:\n  llm_providers:\n    - { name: x, api_url: 'http://x' }", "Triage:llm_providers:0:default_model: required")]
    [InlineData("triage:\n  llm_providers:\n    - { name: x, api_url: 'http://x', default_model: m, rate_limit_rpm: 0 }", "Triage:llm_providers:0:rate_limit_rpm: must be 1–1000000")]
    [InlineData("triage:\n  rules:\n    - { name: r, conditions: [{ field: subject, value: x }], actions: [{ type: forward, forward_to: nobody }] }", "Triage:rules:0:actions:0:forward_to: must be an address")]
    public void Each_bad_value_is_named_by_its_key(string yaml, string expected)
    {
        using var config = new TriageConfiguration(yaml);

        var problems = config.Problems();
        Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), "expected '" + expected + "' among: " + string.Join(" | ", problems));
    }

    [Theory]
    [InlineData("port: 0", "Triage:accounts:0:imap:port: must be 1–65535")]
    [InlineData("port: 70000", "Triage:accounts:0:imap:port: must be 1–65535")]
    [InlineData("tls: sometimes", "Triage:accounts:0:imap:tls: 'sometimes' is not a valid value (one of Auto, Tls, StartTls, Insecure)")]
    [InlineData("host: ''", "Triage:accounts:0:imap:host: required")]
    [InlineData("password: ''", "Triage:accounts:0:imap:password: required when imap:auth is basic")]
    [InlineData("auth: oauth2", "Triage:accounts:0:imap:oauth_provider: required when imap:auth is oauth2")]
    [InlineData("auth: oauth2", "Triage:accounts:0:imap:oauth_refresh_token: required when imap:auth is oauth2")]
    [InlineData("trusted_tls_fingerprints: [abc]", "Triage:accounts:0:imap:trusted_tls_fingerprints:0: must be a SHA-256 fingerprint")]
    [InlineData("timeout: 0s", "Triage:accounts:0:imap:timeout: must be at least 1s")]
    public void Each_bad_imap_value_is_named_by_its_key(string imapLine, string expected)
    {
        var imap = new Dictionary<string, string> { ["host"] = "h", ["username"] = "u", ["password"] = "p" };
        var (key, value) = (imapLine.Split(':', 2)[0], imapLine.Split(':', 2)[1].Trim());
        imap[key] = value;
        var yaml = "triage:\n  accounts:\n    - name: a\n      imap:\n" + string.Concat(imap.Select(kv => $"        {kv.Key}: {kv.Value}\n"));
        using var config = new TriageConfiguration(yaml);

        var problems = config.Problems();
        Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.OrdinalIgnoreCase)), "expected '" + expected + "' among: " + string.Join(" | ", problems));
    }

    [Theory]
    [InlineData("allowed_actions: [move, teleport]", "Triage:accounts:0:allowed_actions:1: unknown action 'teleport'")]
    [InlineData("llm_provider: nowhere", "Triage:accounts:0:llm_provider: no LLM provider is named 'nowhere'")]
    [InlineData("llm: { provider: nowhere }", "Triage:accounts:0:llm:provider: no LLM provider is named 'nowhere'")]
    [InlineData("minimum_confidence: -0.1", "Triage:accounts:0:minimum_confidence: must be 0–1")]
    [InlineData("polling_interval: 0s", "Triage:accounts:0:polling_interval: must be at least 1s")]
    [InlineData("folders: { mode: sometimes }", "Triage:accounts:0:folders:mode: 'sometimes' is not one of predefined, auto_create")]
    [InlineData("folders: { watch: [INBOX, ''] }", "Triage:accounts:0:folders:watch:1: must not be empty")]
    [InlineData("privat: true", "Triage:accounts:0:privat: unknown setting")]
    [InlineData("prompt_file: /nonexistent/p.txt", "Triage:accounts:0:prompt_file: file not found")]
    [InlineData("webhooks: [{ url: 'https://h', events: [sometimes] }]", "Triage:accounts:0:webhooks:0:events: unknown event 'sometimes'")]
    [InlineData("webhooks: [{ url: 'nope', events: [error] }]", "Triage:accounts:0:webhooks:0:url: must be an absolute http(s) URL")]
    [InlineData("notifications: { events: [lunch] }", "Triage:accounts:0:notifications:events: unknown event 'lunch'")]
    [InlineData("attachments: { max_size_mb: 0 }", "Triage:accounts:0:attachments:max_size_mb: must be more than 0")]
    [InlineData("attachments: { max_images: 101 }", "Triage:accounts:0:attachments:max_images: must be 0–100")]
    [InlineData("attachments: { max_images: -1 }", "Triage:accounts:0:attachments:max_images: must be 0–100")]
    [InlineData("forward: { from_inbox: nobody }", "Triage:accounts:0:forward:from_inbox: must be an address")]
    [InlineData("forward: { from_inbox: a@b.test, smtp: { host: h } }", "Triage:accounts:0:forward:smtp:host: give forward:from_inbox or forward:smtp, not both")]
    [InlineData("forward: { smtp: { host: h } }", "Triage:accounts:0:forward:from: required with forward:smtp when imap:username is not an address")]
    [InlineData("forward: { from: nobody, smtp: { host: h } }", "Triage:accounts:0:forward:from: must be an address")]
    [InlineData("forward: { from: a@b.test, smtp: { host: h, port: 0 } }", "Triage:accounts:0:forward:smtp:port: must be 1–65535")]
    [InlineData("forward: { from: a@b.test, smtp: { host: h, username: x } }", "Triage:accounts:0:forward:smtp:password: required with forward:smtp:username")]
    [InlineData("forward: { smtp: { tls: maybe } }", "Triage:accounts:0:forward:smtp:tls: 'maybe' is not a valid value")]
    [InlineData("forward: { smtp: { timeout: 0s } }", "Triage:accounts:0:forward:smtp:timeout: must be longer than 0")]
    [InlineData("idle_refresh: 0s", "Triage:accounts:0:idle_refresh: must be at least 1s")]
    [InlineData("idle_refresh: 45m", "Triage:accounts:0:idle_refresh: must be at most 29m")]
    [InlineData("use_idle: sometimes", "Triage:accounts:0:use_idle: 'sometimes' is not a valid")]
    [InlineData("reconnect_initial_delay: 0s", "Triage:accounts:0:reconnect_initial_delay: must be longer than 0")]
    [InlineData("reconnect_max_delay: 0s", "Triage:accounts:0:reconnect_max_delay: must not be shorter than reconnect_initial_delay")]
    [InlineData("folders: { trash_folder: '' }", "Triage:accounts:0:folders:trash_folder: must not be empty")]
    [InlineData("categories: [work, Work]", "Triage:accounts:0:categories:1: 'Work' is listed twice")]
    [InlineData("categories: ['']", "Triage:accounts:0:categories:0: must not be empty")]
    [InlineData("private_senders: [bank.example]", "Triage:accounts:0:private_senders:0: must be an address (a@b.example) or a domain (@b.example)")]
    [InlineData("review_folder: ' '", "Triage:accounts:0:review_folder: must not be blank")]
    public void Each_bad_account_value_is_named_by_its_key(string accountLine, string expected)
    {
        var yaml = "triage:\n  llm_providers:\n    - { name: local, api_url: 'http://127.0.0.1:11434/v1', default_model: m }\n"
            + "  accounts:\n    - name: a\n      imap: { host: h, username: u, password: p }\n      " + accountLine + "\n";
        using var config = new TriageConfiguration(yaml);

        var problems = config.Problems();
        Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), "expected '" + expected + "' among: " + string.Join(" | ", problems));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_duplicate_account_names_among_them()
    {
        using var config = new TriageConfiguration("""
            triage:
              concurrency_limit: 0
              accounts:
                - name: Work
                  imap: { host: h, port: 0, username: u, password: p }
                - name: work
                  imap: { host: h, username: u, password: p }
              rules:
                - name: r
                  conditions:
                    - { field: header, op: regex, value: "(" }
                    - { field: subject, op: greater, value: x }
                  actions:
                    - { type: move }
                    - { type: explode }
                    - { type: forward }
            """);

        var problems = config.Problems();
        string[] expected =
        [
            "Triage:concurrency_limit: must be 1–1000",
            "Triage:accounts:0:imap:port: must be 1–65535",
            "Triage:accounts:1:name: another account is already named 'work'",
            "Triage:rules:0:conditions:0:header: required when field is header",
            "Triage:rules:0:conditions:0:value: not a valid regular expression",
            "Triage:rules:0:conditions:1:op: greater and less compare size or attachment",
            "Triage:rules:0:conditions:1:value: must be a whole number",
            "Triage:rules:0:actions:0:folder: required for move",
            "Triage:rules:0:actions:1:type: unknown action 'explode'",
            "Triage:rules:0:actions:2:forward_to: required for forward",
        ];
        var missing = expected.Where(e => !problems.Any(p => p.StartsWith(e, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(" | ", missing) + "; got: " + string.Join(" | ", problems));
    }

    [Fact]
    public void Start_up_fails_on_a_bad_value_through_the_options_pipeline()
    {
        using var config = new TriageConfiguration("triage:\n  accounts:\n    - { name: a, imap: { host: h, port: 0, username: u, password: p } }\n");

        var ex = Assert.Throws<OptionsValidationException>(() => config.Options());
        Assert.Contains("Triage:accounts:0:imap:port: must be 1–65535", ex.Failures);
    }

    /// <summary>Sets process environment variables for one test and removes them after.</summary>
    private sealed class EnvironmentVariables : IDisposable
    {
        private readonly IReadOnlyDictionary<string, string> _variables;

        public EnvironmentVariables(IReadOnlyDictionary<string, string> variables)
        {
            _variables = variables;
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var name in _variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
