using System.ComponentModel.DataAnnotations;

namespace Parley.Mail.Inbound;

/// <summary>The <c>Mail:Inbound</c> section: what is done with received mail.</summary>
public sealed class InboundOptions
{
    /// <summary>How far back a message without a known parent looks for a thread with its base subject (0 turns subject threading off).</summary>
    [Range(0, 365)]
    public int SubjectThreadingDays { get; set; } = 7;

    /// <summary>False skips SPF, DKIM and DMARC for received mail (results "none"; no DNS lookups), e.g. for a closed test network.</summary>
    public bool VerifyAuthentication { get; set; } = true;

    /// <summary><c>accept</c> (default) stores mail that fails authentication with its results; <c>reject</c> refuses mail whose DMARC fails under a policy that asks for it.</summary>
    [Required, RegularExpression("^(accept|reject)$")]
    public string OnAuthenticationFailure { get; set; } = AuthenticationFailurePolicies.Accept;

    /// <summary>With <c>reject</c>: also refuse a DMARC failure when the domain asks only for quarantine (<c>p=quarantine</c>); <c>p=reject</c> is always refused.</summary>
    public bool RejectDmarcQuarantine { get; set; } = true;

    /// <summary>SPF's limit on DNS-querying terms (include, a, mx, ptr, exists, redirect) per check; RFC 7208 §4.6.4 says 10. Past it: permerror.</summary>
    [Range(1, 100)]
    public int SpfDnsLookupLimit { get; set; } = 10;

    /// <summary>SPF's limit on lookups that find nothing (RFC 7208 §4.6.4 suggests 2). Past it: permerror.</summary>
    [Range(0, 100)]
    public int SpfVoidLookupLimit { get; set; } = 2;

    /// <summary>Most DKIM signatures checked per message; further ones are ignored (each costs a DNS lookup and a hash of the body).</summary>
    [Range(1, 50)]
    public int MaxDkimSignatures { get; set; } = 5;

    /// <summary>
    /// Senders refused at MAIL FROM with 550 5.7.1, beside the suppressed addresses: an address
    /// (<c>spam@example.com</c>) or a whole domain (<c>@example.com</c>), compared case-insensitively.
    /// </summary>
    public List<string> BlockedSenders { get; set; } = [];
}

public static class AuthenticationFailurePolicies
{
    public const string Accept = "accept";
    public const string Reject = "reject";
}
