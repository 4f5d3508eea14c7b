namespace Parley.Triage.Pipeline;

/// <summary>One account as the dashboard shows it (<c>GET /api/triage/accounts</c>).</summary>
/// <param name="Mode"><c>idle</c> or <c>polling</c> (how new mail is awaited), <c>unknown</c> before the first connection.</param>
/// <param name="Connected">Every watched folder's connection is open.</param>
/// <param name="LastError">The last connection failure or, failing that, the last email that went to the dead letter.</param>
/// <param name="ProcessedCount">Emails in processed_messages for the account (those within <c>state.processed_ttl</c>).</param>
/// <param name="DeadLetterCount">Dead letters not yet resolved (pending or retrying).</param>
public sealed record AccountStatusView(
    string Name,
    IReadOnlyList<string> Folders,
    bool Connected,
    string Mode,
    bool Paused,
    string? LastError,
    DateTimeOffset? LastProcessedAt,
    long ProcessedCount,
    long DeadLetterCount);

public sealed record AccountsView(IReadOnlyList<AccountStatusView> Accounts);

/// <summary>Triage's health (<c>GET /api/triage/health</c>, Mailpilot's <c>/health</c>).</summary>
/// <param name="Status">
/// <c>ok</c> when every running, unpaused account is connected and, with antivirus on, clamd answers; else
/// <c>degraded</c> (mail still flows while clamd is down, unscanned: that is worth an alert).
/// </param>
/// <param name="Antivirus">clamd's reachability when antivirus is on (<see cref="Antivirus.ClamdReachability"/>).</param>
public sealed record TriageHealthView(
    string Status,
    int Accounts,
    int Connected,
    int Paused,
    long DeadLetters,
    DateTimeOffset? LastProcessedAt,
    Antivirus.AntivirusHealthView Antivirus);
