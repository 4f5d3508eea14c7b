using MimeKit;
using Parley.Mail.Smtp;

namespace Parley.Mail.Inbound;

/// <summary>SPF, DKIM and DMARC verdicts for one received message (RFC 8601 result words: pass, fail, softfail, neutral, none, temperror, permerror).</summary>
public sealed record AuthenticationResults(string Spf, string Dkim, string Dmarc)
{
    /// <summary>True when the configured policy refuses the message (the SMTP server answers 550 5.7.1).</summary>
    public bool Reject { get; init; }

    public static AuthenticationResults None { get; } = new("none", "none", "none");
}

/// <summary>
/// Computes <see cref="AuthenticationResults"/> for a received message (DnsClient for SPF and DMARC,
/// MimeKit's DKIM verifier). SEAM: this first version answers "none"; the inbound part replaces it.
/// </summary>
internal sealed class InboundAuthentication
{
    public Task<AuthenticationResults> EvaluateAsync(MimeMessage message, SmtpEnvelope envelope, CancellationToken cancellationToken) =>
        Task.FromResult(AuthenticationResults.None);
}
