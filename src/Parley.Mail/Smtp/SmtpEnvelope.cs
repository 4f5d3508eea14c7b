namespace Parley.Mail.Smtp;

/// <summary>What the SMTP transaction said about a message, beside its content.</summary>
/// <param name="ReversePath">MAIL FROM; null for the null reverse path <c>&lt;&gt;</c> (bounces).</param>
/// <param name="Recipients">RCPT TO addresses that were accepted, lower-cased, in order.</param>
/// <param name="ClientAddress">The peer's IP address.</param>
/// <param name="HeloName">The name given in HELO/EHLO.</param>
/// <param name="AuthenticatedUser">The user id of an AUTH-enticated submission session, else null.</param>
public sealed record SmtpEnvelope(
    string? ReversePath,
    IReadOnlyList<string> Recipients,
    string ClientAddress,
    string? HeloName,
    bool Tls,
    Guid? AuthenticatedUser = null);
