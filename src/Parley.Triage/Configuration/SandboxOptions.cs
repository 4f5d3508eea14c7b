using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

/// <summary>
/// Parley's <c>sandbox:</c> (Mailpilot has no such keys): the limits of the rule preview and the prompt sandbox, which
/// read mail on request and must not let one request fetch a whole mailbox or post an unbounded email.
/// </summary>
public sealed class SandboxOptions
{
    public const int MaxPreviewLimit = 1000;
    public const int MaxEmailBytesLimit = 100 * 1024 * 1024;

    /// <summary>The most emails one rule preview reads (a larger <c>count</c> is capped to it), 1–1000.</summary>
    [ConfigurationKeyName("preview_limit")]
    public int PreviewLimit { get; set; } = 50;

    /// <summary>The largest pasted email (<c>raw</c>, UTF-8 bytes) the sandbox takes, 1 byte to 100 MiB.</summary>
    [ConfigurationKeyName("max_email_bytes")]
    public int MaxEmailBytes { get; set; } = 1024 * 1024;
}
