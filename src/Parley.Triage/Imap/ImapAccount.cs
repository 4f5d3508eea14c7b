namespace Parley.Triage.Imap;

/// <summary>
/// What the IMAP part needs to know about one account (Mailpilot's per-account <c>imap</c>, <c>folders</c>,
/// <c>polling_interval</c> and the global <c>backlog</c>, <c>dry_run</c>). The configuration part binds
/// <c>Triage:accounts</c> and builds these; nothing here reads configuration itself.
/// </summary>
public sealed record ImapAccount
{
    /// <summary>The account's unique name (Mailpilot's <c>name</c>); the key of its folder states.</summary>
    public required string Name { get; init; }

    public required string Host { get; init; }
    public int Port { get; init; } = 993;
    public ImapTlsMode Tls { get; init; } = ImapTlsMode.Auto;
    public ImapAuthKind Auth { get; init; } = ImapAuthKind.Basic;
    public required string Username { get; init; }

    /// <summary>Basic auth only. A secret: never logged (<see cref="ToString"/> leaves it out).</summary>
    public string? Password { get; init; }

    /// <summary>
    /// SHA-256 fingerprints (hex, colons and case ignored) of server certificates accepted even when the chain does
    /// not validate — a self-signed certificate on a home server.
    /// </summary>
    public IReadOnlyList<string> TrustedTlsFingerprints { get; init; } = [];

    /// <summary>Folders watched (Mailpilot's <c>folders.watch</c>), one connection each.</summary>
    public IReadOnlyList<string> WatchFolders { get; init; } = ["INBOX"];

    /// <summary>How often a folder is searched for new mail when the server has no IDLE (or <see cref="UseIdle"/> is off).</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Use IMAP IDLE where the server has it; off forces polling.</summary>
    public bool UseIdle { get; init; } = true;

    /// <summary>An IDLE is ended and restarted after this long (RFC 2177: servers may drop an IDLE after 30 minutes).</summary>
    public TimeSpan IdleRefresh { get; init; } = TimeSpan.FromMinutes(9);

    /// <summary>First wait after a failed connection; doubled per failure up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Connect, login and command timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>What the first start of a folder (no stored state yet) hands over.</summary>
    public ImapBacklog Backlog { get; init; } = new();

    /// <summary>
    /// Mailpilot's <c>folders.mode</c>: <c>auto_create</c> lets move/copy create a missing target folder;
    /// <c>predefined</c> refuses.
    /// </summary>
    public bool AutoCreateFolders { get; init; }

    /// <summary>Mailpilot's <c>folders.allowed</c>: when not empty, the only folders move/copy may target.</summary>
    public IReadOnlyList<string> AllowedFolders { get; init; } = [];

    /// <summary>Folder names used when the server marks no special-use folder.</summary>
    public string ArchiveFolder { get; init; } = "Archive";
    public string TrashFolder { get; init; } = "Trash";
    public string JunkFolder { get; init; } = "Junk";

    /// <summary>Record what actions would do without touching the mailbox.</summary>
    public bool DryRun { get; init; }

    /// <summary>New mail is fetched at most this many messages at a time (<c>fetch_batch.count</c>)...</summary>
    public int FetchBatchCount { get; init; } = 50;

    /// <summary>...and about this many bytes (<c>fetch_batch.max_mb</c>; one message always, however large).</summary>
    public long FetchBatchBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// Attachment text extraction for the emails handed over (the account's <c>attachments</c>, else the global one);
    /// null: none.
    /// </summary>
    public Configuration.AttachmentsOptions? Attachments { get; init; }

    /// <summary>
    /// Images kept for the account's LLM (<c>extract_images</c> with a <c>supports_vision</c> provider, not private);
    /// null: the reader holds no image bytes.
    /// </summary>
    public Attachments.VisionLimits? Images { get; init; }

    public override string ToString() => $"{Name} ({Username}@{Host}:{Port}, tls {Tls})";
}

/// <summary>Mailpilot's <c>imap.tls</c>.</summary>
public enum ImapTlsMode
{
    /// <summary>TLS on connect on port 993, STARTTLS when the server offers it elsewhere.</summary>
    Auto,
    /// <summary>TLS on connect.</summary>
    Tls,
    /// <summary>Plain connection upgraded by STARTTLS; refused when the server does not offer it.</summary>
    StartTls,
    /// <summary>No TLS at all (loopback and tests).</summary>
    Insecure,
}

/// <summary>Mailpilot's <c>imap.auth</c>.</summary>
public enum ImapAuthKind
{
    Basic,
    /// <summary>SASL XOAUTH2 with an access token from <see cref="IImapAccessTokens"/>.</summary>
    OAuth2,
}

/// <summary>Mailpilot's <c>backlog</c>: what a folder's first start sees (Mailpilot validates it but ignores it; Parley honours it).</summary>
public sealed record ImapBacklog
{
    public ImapBacklogMode Mode { get; init; } = ImapBacklogMode.NewOnly;

    /// <summary><c>recent_count</c>: the newest this many messages.</summary>
    public int Count { get; init; } = 100;

    /// <summary><c>recent_days</c>: messages received within this age.</summary>
    public TimeSpan Age { get; init; } = TimeSpan.FromDays(7);
}

public enum ImapBacklogMode
{
    /// <summary>Nothing already in the folder; only mail that arrives after the first start.</summary>
    NewOnly,
    All,
    RecentCount,
    RecentDays,
}
