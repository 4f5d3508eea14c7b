using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

/// <summary>One IMAP mailbox Triage watches (an item of <c>accounts:</c>).</summary>
public sealed class AccountOptions : ClassificationKeys
{
    /// <summary>Unique; it is the <c>account_name</c> in every table.</summary>
    [ConfigurationKeyName("name")]
    public string Name { get; set; } = "";

    [ConfigurationKeyName("imap")]
    public ImapOptions Imap { get; set; } = new();
    [ConfigurationKeyName("folders")]
    public FoldersOptions Folders { get; set; } = new();

    /// <summary>Overrides the global <c>polling_interval</c>.</summary>
    [ConfigurationKeyName("polling_interval")]
    public Duration? PollingInterval { get; set; }

    /// <summary>Categories the LLM must choose from; empty: any category (or none).</summary>
    [ConfigurationKeyName("categories")]
    public List<string> Categories { get; set; } = [];

    /// <summary>
    /// Where an LLM decision below the minimum confidence moves the email instead of leaving it untouched in the dead
    /// letter; empty: dead letter. In <c>folders.mode: predefined</c> the folder must exist.
    /// </summary>
    [ConfigurationKeyName("review_folder")]
    public string? ReviewFolder { get; set; }

    /// <summary>Use IMAP IDLE where the server has it; false forces polling every <c>polling_interval</c>.</summary>
    [ConfigurationKeyName("use_idle")]
    public bool UseIdle { get; set; } = true;

    /// <summary>An IDLE is ended and restarted after this long (servers may drop one after 30 minutes).</summary>
    [ConfigurationKeyName("idle_refresh")]
    public Duration IdleRefresh { get; set; } = Duration.FromMinutes(9);

    /// <summary>First wait after a dropped connection, doubled per failure up to <see cref="ReconnectMaxDelay"/>.</summary>
    [ConfigurationKeyName("reconnect_initial_delay")]
    public Duration ReconnectInitialDelay { get; set; } = Duration.FromSeconds(1);

    [ConfigurationKeyName("reconnect_max_delay")]
    public Duration ReconnectMaxDelay { get; set; } = Duration.FromMinutes(5);

    [ConfigurationKeyName("webhooks")]
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>Overrides the global <c>attachments</c>.</summary>
    [ConfigurationKeyName("attachments")]
    public AttachmentsOptions? Attachments { get; set; }

    [ConfigurationKeyName("notifications")]
    public NotificationsOptions Notifications { get; set; } = new();

    /// <summary>How a <c>forward</c> action sends: from a Parley inbox or through an SMTP relay.</summary>
    [ConfigurationKeyName("forward")]
    public ForwardOptions Forward { get; set; } = new();
}

public enum ImapTlsMode
{
    /// <summary>TLS on connect on port 993, STARTTLS elsewhere.</summary>
    Auto,
    Tls,
    StartTls,
    /// <summary>Plain text; for a trusted loopback only.</summary>
    Insecure,
}

public enum ImapAuth
{
    Basic,
    OAuth2,
}

public enum OAuthProvider
{
    Google,
    Microsoft,
}

public sealed class ImapOptions
{
    [ConfigurationKeyName("host")]
    public string Host { get; set; } = "";
    [ConfigurationKeyName("port")]
    public int Port { get; set; } = 993;
    [ConfigurationKeyName("tls")]
    public ImapTlsMode Tls { get; set; } = ImapTlsMode.Auto;
    [ConfigurationKeyName("auth")]
    public ImapAuth Auth { get; set; } = ImapAuth.Basic;
    [ConfigurationKeyName("username")]
    public string Username { get; set; } = "";

    /// <summary>For <c>auth: basic</c>. A secret: give it as <c>${ENV_VAR}</c>.</summary>
    [ConfigurationKeyName("password")]
    public string? Password { get; set; }

    /// <summary>For <c>auth: oauth2</c>: whose token endpoint refreshes the access token.</summary>
    [ConfigurationKeyName("oauth_provider")]
    public OAuthProvider? OAuthProvider { get; set; }

    [ConfigurationKeyName("oauth_client_id")]
    public string? OAuthClientId { get; set; }

    [ConfigurationKeyName("oauth_client_secret")]
    public string? OAuthClientSecret { get; set; }

    [ConfigurationKeyName("oauth_refresh_token")]
    public string? OAuthRefreshToken { get; set; }

    /// <summary>The token endpoint; empty: the provider's (Google's or Microsoft's). For tests and other providers.</summary>
    [ConfigurationKeyName("oauth_token_url")]
    public string? OAuthTokenUrl { get; set; }

    /// <summary>Scopes asked with the refresh (space-separated); empty: none asked, the grant's own scopes apply.</summary>
    [ConfigurationKeyName("oauth_scope")]
    public string? OAuthScope { get; set; }

    /// <summary>SHA-256 fingerprints (hex, colons allowed) of certificates trusted even when they do not validate (self-signed).</summary>
    [ConfigurationKeyName("trusted_tls_fingerprints")]
    public List<string> TrustedTlsFingerprints { get; set; } = [];

    /// <summary>Connect, login and command timeout.</summary>
    [ConfigurationKeyName("timeout")]
    public Duration Timeout { get; set; } = Duration.FromSeconds(60);
}

public sealed class FoldersOptions
{
    public const string Predefined = "predefined";
    public const string AutoCreate = "auto_create";

    /// <summary>Folders to watch; empty: <c>INBOX</c> (see <see cref="WatchedFolders"/>; a default in the list itself would be kept besides the configured ones, as the binder appends).</summary>
    [ConfigurationKeyName("watch")]
    public List<string> Watch { get; set; } = [];

    public IReadOnlyList<string> WatchedFolders() => Watch.Count == 0 ? ["INBOX"] : Watch;

    /// <summary><c>predefined</c>: move only into <see cref="Allowed"/> folders that exist; <c>auto_create</c>: create missing ones.</summary>
    [ConfigurationKeyName("mode")]
    public string Mode { get; set; } = Predefined;

    /// <summary>Folders actions may move or copy into; empty: any.</summary>
    [ConfigurationKeyName("allowed")]
    public List<string> Allowed { get; set; } = [];

    /// <summary>Used by archive, delete and spam when the server marks no special-use <c>\Archive</c>, <c>\Trash</c>, <c>\Junk</c> folder.</summary>
    [ConfigurationKeyName("archive_folder")]
    public string ArchiveFolder { get; set; } = "Archive";

    [ConfigurationKeyName("trash_folder")]
    public string TrashFolder { get; set; } = "Trash";

    [ConfigurationKeyName("junk_folder")]
    public string JunkFolder { get; set; } = "Junk";
}

public sealed class AccountLlmOptions
{
    [ConfigurationKeyName("provider")]
    public string? Provider { get; set; }
    [ConfigurationKeyName("model")]
    public string? Model { get; set; }
}

public sealed class WebhookOptions
{
    internal static readonly string[] KnownEvents = ["startup", "shutdown", "error", "email_processed", "action_taken", "connection_lost", "connection_restored", "dead_letter"];

    [ConfigurationKeyName("url")]
    public string Url { get; set; } = "";

    /// <summary>Which of <c>startup</c>, <c>shutdown</c>, <c>error</c>, <c>email_processed</c>, <c>action_taken</c>, <c>connection_lost</c>, <c>connection_restored</c>, <c>dead_letter</c>.</summary>
    [ConfigurationKeyName("events")]
    public List<string> Events { get; set; } = [];

    /// <summary>Sent with each delivery (<c>Authorization: Bearer ${TOKEN}</c>); resolved at delivery, never stored. Not a reserved header.</summary>
    [ConfigurationKeyName("headers")]
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>
    /// Parley's addition: the key deliveries are signed with (<c>Parley-Signature</c>, HMAC-SHA256, as Core's webhooks);
    /// give it as <c>${ENV_VAR}</c>. Without one, deliveries are signed with a key of the server's own that no receiver
    /// knows.
    /// </summary>
    [ConfigurationKeyName("secret")]
    public string? Secret { get; set; }
}

public sealed class AttachmentsOptions
{
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; }

    [ConfigurationKeyName("max_size_mb")]
    public double MaxSizeMb { get; set; } = 10;

    [ConfigurationKeyName("max_extracted_chars")]
    public int MaxExtractedChars { get; set; } = 10_000;

    /// <summary>MIME types whose text is extracted (and, with <see cref="ExtractImages"/>, images sent); empty: <see cref="DefaultTypes"/>.</summary>
    [ConfigurationKeyName("allowed_types")]
    public List<string> AllowedTypes { get; set; } = [];

    /// <summary>Mailpilot's defaults, without the Office formats Parley cannot read; the images only matter with <see cref="ExtractImages"/>.</summary>
    internal static readonly string[] DefaultTypes =
    [
        "application/pdf", "text/plain", "text/csv", "text/html", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/png", "image/jpeg", "image/gif", "image/webp",
    ];

    public IReadOnlyList<string> ExtractedTypes() => AllowedTypes.Count == 0 ? DefaultTypes : AllowedTypes;

    /// <summary>Send image attachments (and inline images) to a provider with <c>supports_vision</c> (Mailpilot's key).</summary>
    [ConfigurationKeyName("extract_images")]
    public bool ExtractImages { get; set; }

    /// <summary>
    /// Parley's own: at most this many images go with one email; the rest are named in the prompt as omitted. Each
    /// image is also held to <see cref="MaxSizeMb"/> (decoded), so one request carries at most
    /// max_images × max_size_mb of image data.
    /// </summary>
    [ConfigurationKeyName("max_images")]
    public int MaxImages { get; set; } = 5;
}

public sealed class NotificationsOptions
{
    /// <summary><c>retry_exhausted</c> is Mailpilot's name of <c>exhausted</c>.</summary>
    internal static readonly string[] KnownEvents =
        ["error", "dead_letter", "exhausted", "retry_exhausted", "connection_lost", "connection_restored", "daily_summary"];

    /// <summary>Parley users (usernames) told about the events below; emailed at their Parley address when the email channel is on.</summary>
    [ConfigurationKeyName("users")]
    public List<string> Users { get; set; } = [];

    /// <summary>Which of <see cref="KnownEvents"/>.</summary>
    [ConfigurationKeyName("events")]
    public List<string> Events { get; set; } = [];
}
