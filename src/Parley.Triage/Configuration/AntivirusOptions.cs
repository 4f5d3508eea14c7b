using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

/// <summary>
/// Mailpilot's <c>antivirus:</c>: every attachment is scanned by ClamAV's clamd (zINSTREAM over TCP) before rules and
/// the LLM see the email. Read live (<c>IOptionsMonitor</c>): a change applies to the next email.
/// </summary>
public sealed class AntivirusOptions
{
    public const string Quarantine = "quarantine";
    public const string Delete = "delete";
    public const string FlagOnly = "flag_only";
    internal static readonly string[] Actions = [Quarantine, Delete, FlagOnly];

    /// <summary>The folder <see cref="Quarantine"/> moves an infected email to (created when missing), as Mailpilot's.</summary>
    public const string QuarantineFolder = "Quarantine";

    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; }

    /// <summary>clamd's TCP address (its <c>TCPAddr</c>).</summary>
    [ConfigurationKeyName("host")]
    public string Host { get; set; } = "localhost";

    /// <summary>clamd's <c>TCPSocket</c>.</summary>
    [ConfigurationKeyName("port")]
    public int Port { get; set; } = 3310;

    /// <summary>How long one attachment's scan may take, connection included.</summary>
    [ConfigurationKeyName("timeout")]
    public Duration Timeout { get; set; } = Duration.FromSeconds(30);

    /// <summary><c>quarantine</c> (move to Quarantine, no LLM), <c>delete</c> (to Trash, no LLM) or <c>flag_only</c> (flag <c>$Virus</c> and <c>\Flagged</c>, then classify as usual).</summary>
    [ConfigurationKeyName("on_virus_detected")]
    public string OnVirusDetected { get; set; } = Quarantine;

    public const string Classify = "classify";
    public const string DeadLetter = "dead_letter";
    internal static readonly string[] ScanErrorActions = [Classify, DeadLetter];

    /// <summary>
    /// What a failed scan (clamd unreachable, timing out, refusing the stream) does: <c>classify</c> — Mailpilot's
    /// behaviour, logged and the email classified unscanned, so mail keeps flowing while clamd is down — or
    /// <c>dead_letter</c>: the email is left untouched in the dead letter, and its retry scans again (fail closed).
    /// </summary>
    [ConfigurationKeyName("on_scan_error")]
    public string OnScanError { get; set; } = Classify;
}
