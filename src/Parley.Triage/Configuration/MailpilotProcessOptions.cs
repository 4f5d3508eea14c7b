using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Parley.Triage.Configuration;

/// <summary>
/// Mailpilot's <c>logging:</c>. Accepted so a Mailpilot file starts as it is; Parley's own <c>Logging</c> section
/// governs its logs, and <see cref="Level"/> sets the minimum level of Triage's categories (<c>Parley.Triage.*</c>).
/// <see cref="File"/> and <see cref="IncludeSubjects"/> are accepted and not followed: Parley logs to standard output
/// (the service manager keeps it) and never logs subjects.
/// </summary>
public sealed class MailpilotLoggingOptions
{
    internal static readonly string[] Levels = ["debug", "info", "warn", "error"];

    /// <summary><c>debug</c>, <c>info</c>, <c>warn</c> or <c>error</c>; empty: Parley's <c>Logging</c> decides.</summary>
    [ConfigurationKeyName("level")]
    public string? Level { get; set; }

    [ConfigurationKeyName("file")]
    public string? File { get; set; }

    [ConfigurationKeyName("include_subjects")]
    public bool IncludeSubjects { get; set; }

    internal LogLevel? MinimumLevel => Level?.Trim().ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => null,
    };
}

/// <summary>
/// Mailpilot's <c>server:</c> (its own HTTP port and the token of its <c>/status</c>). Accepted so a Mailpilot file
/// starts as it is, and not followed: Parley serves one port for everything (its own HTTP settings), its health at
/// <c>/healthz</c> and Triage's status at <c>GET /api/triage/health</c> behind the dashboard's sign-in.
/// </summary>
public sealed class MailpilotServerOptions
{
    [ConfigurationKeyName("port")]
    public int? Port { get; set; }

    [ConfigurationKeyName("auth_token")]
    public string? AuthToken { get; set; }
}
