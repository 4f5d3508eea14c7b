using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Mail.Smtp;

namespace Parley.Mail.Inbound;

/// <summary>SPF, DKIM and DMARC verdicts for one received message (RFC 8601 result words: pass, fail, softfail, neutral, none, temperror, permerror).</summary>
public sealed record AuthenticationResults(string Spf, string Dkim, string Dmarc)
{
    /// <summary>True when the configured policy refuses the message (the SMTP server answers 550 5.7.1).</summary>
    public bool Reject { get; init; }

    /// <summary>The identity SPF checked: MAIL FROM's domain, or the HELO name for a bounce (null reverse path).</summary>
    public string? SpfDomain { get; init; }

    /// <summary>True when SPF checked the HELO name (the message had the null reverse path).</summary>
    public bool SpfHelo { get; init; }

    /// <summary>The d= of the signatures that verified (else of those checked).</summary>
    public IReadOnlyList<string> DkimDomains { get; init; } = [];

    /// <summary>The domain of the From header, which DMARC is about.</summary>
    public string? FromDomain { get; init; }

    /// <summary>The policy the From domain publishes (none, quarantine, reject), when it publishes one.</summary>
    public string? DmarcPolicy { get; init; }

    public static AuthenticationResults None { get; } = new("none", "none", "none");

    /// <summary>What goes in <c>messages.metadata</c> under <c>"authentication"</c>; the API shows <c>spf</c>, <c>dkim</c>, <c>dmarc</c>.</summary>
    public JsonObject ToMetadata() => new()
    {
        ["spf"] = Spf,
        ["dkim"] = Dkim,
        ["dmarc"] = Dmarc,
        ["spf_domain"] = SpfDomain,
        ["dkim_domains"] = new JsonArray(DkimDomains.Select(d => (JsonNode?)d).ToArray()),
        ["from_domain"] = FromDomain,
        ["dmarc_policy"] = DmarcPolicy,
        ["rejected"] = Reject,
    };

    /// <summary>The RFC 8601 <c>Authentication-Results</c> header value, e.g. <c>mx.example.org; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com</c>.</summary>
    public string ToHeaderValue(string authservId)
    {
        var spf = "spf=" + Spf + (SpfDomain is null ? "" : (SpfHelo ? " smtp.helo=" : " smtp.mailfrom=") + SpfDomain);
        var dkim = "dkim=" + Dkim + (DkimDomains.Count == 0 ? "" : " header.d=" + DkimDomains[0]);
        var dmarc = "dmarc=" + Dmarc + (DmarcPolicy is null ? "" : " policy.dmarc=" + DmarcPolicy) + (FromDomain is null ? "" : " header.from=" + FromDomain);
        return $"{authservId}; {spf}; {dkim}; {dmarc}";
    }
}

/// <summary>
/// Computes <see cref="AuthenticationResults"/> for a received message: SPF of the client address for the
/// envelope sender (<see cref="SpfEvaluator"/>), DKIM signatures (<see cref="DkimVerification"/>), DMARC of the
/// From domain (<see cref="DmarcEvaluator"/>); then the policy (<c>Mail:Inbound:OnAuthenticationFailure</c>):
/// with <c>reject</c>, a DMARC failure under <c>p=reject</c> (and <c>p=quarantine</c> when
/// <c>RejectDmarcQuarantine</c>) sets <see cref="AuthenticationResults.Reject"/>. Mail submitted by an
/// authenticated user is ours: it is not checked; nor is anything when <c>VerifyAuthentication</c> is off.
/// </summary>
internal sealed class InboundAuthentication(SpfEvaluator spf, DkimVerification dkim, DmarcEvaluator dmarc, IOptions<MailOptions> options)
{
    public async Task<AuthenticationResults> EvaluateAsync(MimeMessage message, SmtpEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.AuthenticatedUser is not null || !options.Value.Inbound.VerifyAuthentication)
        {
            return AuthenticationResults.None;
        }
        var helo = string.IsNullOrWhiteSpace(envelope.HeloName) ? null : envelope.HeloName.Trim().TrimStart('[').TrimEnd(']');
        var spfHelo = string.IsNullOrEmpty(envelope.ReversePath);
        var sender = spfHelo ? (helo is null ? null : "postmaster@" + helo) : envelope.ReversePath!;
        var spfDomain = sender?[(sender.LastIndexOf('@') + 1)..].ToLowerInvariant();
        var spfResult = sender is not null && IPAddress.TryParse(envelope.ClientAddress, out var client)
            ? await spf.CheckAsync(client, sender, helo, cancellationToken)
            : AuthResult.None;

        var dkimOutcome = await dkim.VerifyAsync(message, cancellationToken);

        var fromDomain = FromDomain(message);
        var dmarcOutcome = await dmarc.EvaluateAsync(fromDomain, spfResult, spfDomain, dkimOutcome.PassingDomains, cancellationToken);

        var policy = options.Value.Inbound;
        var reject = policy.OnAuthenticationFailure == AuthenticationFailurePolicies.Reject
            && dmarcOutcome.Result == AuthResult.Fail
            && (dmarcOutcome.Policy == "reject" || (dmarcOutcome.Policy == "quarantine" && policy.RejectDmarcQuarantine));
        return new AuthenticationResults(spfResult, dkimOutcome.Result, dmarcOutcome.Result)
        {
            Reject = reject,
            SpfDomain = spfDomain,
            SpfHelo = spfHelo,
            DkimDomains = dkimOutcome.PassingDomains.Count > 0 ? dkimOutcome.PassingDomains : dkimOutcome.CheckedDomains,
            FromDomain = fromDomain,
            DmarcPolicy = dmarcOutcome.Policy,
        };
    }

    /// <summary>The domain of the (single) From address; DMARC has nothing to say about a message with none or several.</summary>
    private static string? FromDomain(MimeMessage message)
    {
        var from = message.From.Mailboxes.ToList();
        if (from.Count != 1)
        {
            return null;
        }
        var at = from[0].Address.LastIndexOf('@');
        return at < 0 ? null : from[0].Address[(at + 1)..].TrimEnd('.').ToLowerInvariant();
    }
}
