using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

/// <summary>
/// The <c>triage:</c> section of <c>parley.yaml</c>, in Mailpilot's YAML shape (snake_case keys, durations like
/// <c>24h</c>, <c>${ENV_VAR}</c> in any string). No section at all is valid: Triage then watches nothing. Checked at
/// start-up by <see cref="TriageOptionsValidator"/>, every problem named by its key.
/// </summary>
public sealed class TriageOptions
{
    public const string Section = "Triage";

    [ConfigurationKeyName("state")]
    public StateOptions State { get; set; } = new();
    [ConfigurationKeyName("dashboard")]
    public DashboardOptions Dashboard { get; set; } = new();
    [ConfigurationKeyName("accounts")]
    public List<AccountOptions> Accounts { get; set; } = [];

    /// <summary>Parley's own Mail inboxes triaged by the same rules and LLM (docs/triage.md, "Parley's own inboxes").</summary>
    [ConfigurationKeyName("inboxes")]
    public List<InboxOptions> Inboxes { get; set; } = [];

    [ConfigurationKeyName("llm_providers")]
    public List<LlmProviderOptions> LlmProviders { get; set; } = [];

    /// <summary>Mailpilot's <c>logging:</c> — its level applies to Triage's log categories.</summary>
    [ConfigurationKeyName("logging")]
    public MailpilotLoggingOptions Logging { get; set; } = new();

    /// <summary>Mailpilot's <c>server:</c> — accepted; Parley's HTTP settings serve instead.</summary>
    [ConfigurationKeyName("server")]
    public MailpilotServerOptions Server { get; set; } = new();

    /// <summary>The prompt for accounts without their own; at most one of this and <see cref="DefaultPromptFile"/>.</summary>
    [ConfigurationKeyName("default_prompt")]
    public string? DefaultPrompt { get; set; }

    [ConfigurationKeyName("default_prompt_file")]
    public string? DefaultPromptFile { get; set; }

    [ConfigurationKeyName("retry")]
    public RetryOptions Retry { get; set; } = new();
    [ConfigurationKeyName("confidence")]
    public ConfidenceOptions Confidence { get; set; } = new();

    /// <summary>Emails processed at once per account.</summary>
    [ConfigurationKeyName("concurrency_limit")]
    public int ConcurrencyLimit { get; set; } = 5;

    /// <summary>How many new messages the watcher fetches with one command (and holds at once).</summary>
    [ConfigurationKeyName("fetch_batch")]
    public FetchBatchOptions FetchBatch { get; set; } = new();

    /// <summary>Classify and record, touch no mailbox (every account, unless the account says otherwise).</summary>
    [ConfigurationKeyName("dry_run")]
    public bool DryRun { get; set; }

    /// <summary>Add <c>X-Mailpilot-*</c> headers to processed emails.</summary>
    [ConfigurationKeyName("add_processing_headers")]
    public bool AddProcessingHeaders { get; set; }

    /// <summary>How often to look for new mail where the server has no IDLE; an account may set its own.</summary>
    [ConfigurationKeyName("polling_interval")]
    public Duration PollingInterval { get; set; } = Duration.FromSeconds(30);

    [ConfigurationKeyName("backlog")]
    public BacklogOptions Backlog { get; set; } = new();

    /// <summary>Attachment text extraction for every account without its own <c>attachments</c>.</summary>
    [ConfigurationKeyName("attachments")]
    public AttachmentsOptions Attachments { get; set; } = new();

    /// <summary>ClamAV scanning of attachments before classification (docs/triage.md, "Antivirus").</summary>
    [ConfigurationKeyName("antivirus")]
    public AntivirusOptions Antivirus { get; set; } = new();

    /// <summary>Rules, tried in order before the LLM (the classification part matches them).</summary>
    [ConfigurationKeyName("rules")]
    public List<RuleOptions> Rules { get; set; } = [];

    [ConfigurationKeyName("shutdown")]
    public ShutdownOptions Shutdown { get; set; } = new();

    /// <summary>How notifications are emailed, the connection-lost grace, the daily summary (Parley's keys).</summary>
    [ConfigurationKeyName("notifications")]
    public TriageNotificationOptions Notifications { get; set; } = new();

    /// <summary>Limits of the rule preview and the prompt sandbox (Parley's keys).</summary>
    [ConfigurationKeyName("sandbox")]
    public SandboxOptions Sandbox { get; set; } = new();
}

/// <summary>Mailpilot's <c>state:</c>: what is remembered and for how long.</summary>
public sealed class StateOptions
{
    /// <summary>
    /// Accepted so a Mailpilot file loads, and ignored: Triage keeps its tables in Parley's storage
    /// (<c>data/triage.db</c>, or schema <c>triage</c> on PostgreSQL).
    /// </summary>
    [ConfigurationKeyName("database_path")]
    public string? DatabasePath { get; set; }

    /// <summary>How long a processed Message-ID is remembered (the guard against processing an email twice).</summary>
    [ConfigurationKeyName("processed_ttl")]
    public Duration ProcessedTtl { get; set; } = Duration.FromHours(24);

    [ConfigurationKeyName("audit_retention")]
    public Duration AuditRetention { get; set; } = Duration.FromDays(30);

    /// <summary>Store subjects in the audit log (a privacy trade-off; off by default).</summary>
    [ConfigurationKeyName("audit_subjects")]
    public bool AuditSubjects { get; set; }
}

public sealed class DashboardOptions
{
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; } = true;

    [ConfigurationKeyName("session_ttl")]
    public Duration SessionTtl { get; set; } = Duration.FromHours(24);
}

/// <summary>Dead-letter retries: delay n = initial_delay × multiplier^(n−1), capped at max_delay, ±10 % with jitter.</summary>
public sealed class RetryOptions
{
    /// <summary>Processing attempts in all, the first failure included; then the entry is <c>exhausted</c>.</summary>
    [ConfigurationKeyName("max_attempts")]
    public int MaxAttempts { get; set; } = 5;

    [ConfigurationKeyName("initial_delay")]
    public Duration InitialDelay { get; set; } = Duration.FromMinutes(5);

    [ConfigurationKeyName("multiplier")]
    public double Multiplier { get; set; } = 2;

    [ConfigurationKeyName("max_delay")]
    public Duration MaxDelay { get; set; } = Duration.FromHours(24);

    /// <summary>Spread each delay by up to ±10 % so entries that failed together do not retry together.</summary>
    [ConfigurationKeyName("jitter")]
    public bool Jitter { get; set; } = true;
}

public sealed class ConfidenceOptions
{
    /// <summary>Below this LLM confidence (0–1) the email is left alone and goes to the dead letter.</summary>
    [ConfigurationKeyName("minimum_threshold")]
    public double MinimumThreshold { get; set; } = 0.7;
}

/// <summary>What to do with mail already in a watched folder when an account starts.</summary>
public sealed class BacklogOptions
{
    public const string All = "all";
    public const string RecentCount = "recent_count";
    public const string RecentDays = "recent_days";
    public const string NewOnly = "new_only";
    internal static readonly string[] Modes = [All, RecentCount, RecentDays, NewOnly];

    /// <summary><c>all</c>, <c>recent_count</c> (the last <see cref="Count"/>), <c>recent_days</c> (younger than <see cref="Age"/>) or <c>new_only</c>.</summary>
    [ConfigurationKeyName("mode")]
    public string Mode { get; set; } = NewOnly;

    [ConfigurationKeyName("count")]
    public int? Count { get; set; }

    [ConfigurationKeyName("age")]
    public Duration? Age { get; set; }
}

public sealed class ShutdownOptions
{
    /// <summary>On stop, how long in-flight emails may take to finish before they are left for the next start.</summary>
    [ConfigurationKeyName("timeout")]
    public Duration Timeout { get; set; } = Duration.FromSeconds(30);
}

/// <summary>
/// Parley's (Mailpilot reads one message at a time): new mail is fetched in batches of at most <see cref="Count"/>
/// messages and about <see cref="MaxMb"/> MiB (one message always, however large) — memory for throughput.
/// </summary>
public sealed class FetchBatchOptions
{
    [ConfigurationKeyName("count")]
    public int Count { get; set; } = 50;

    [ConfigurationKeyName("max_mb")]
    public double MaxMb { get; set; } = 8;
}
