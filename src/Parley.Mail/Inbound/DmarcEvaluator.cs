using Parley.Mail.Dns;

namespace Parley.Mail.Inbound;

/// <summary>A DMARC verdict and the policy the From domain published (none, quarantine, reject; null without a record).</summary>
internal sealed record DmarcOutcome(string Result, string? Policy);

/// <summary>
/// DMARC (RFC 7489): the policy record at <c>_dmarc.&lt;From domain&gt;</c>, else at the organizational domain
/// (taken simply as the last two labels; no public suffix list), and identifier alignment — SPF's MAIL FROM
/// domain and DKIM's d= against the From domain, relaxed (same organizational domain) or strict (equal) as
/// <c>aspf</c>/<c>adkim</c> say. Pass when either aligned identifier passed. <c>pct</c> is not applied.
/// </summary>
internal sealed class DmarcEvaluator(MailDns dns)
{
    public async Task<DmarcOutcome> EvaluateAsync(
        string? fromDomain, string spfResult, string? spfDomain, IReadOnlyList<string> dkimPassingDomains, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(fromDomain))
        {
            return new DmarcOutcome(AuthResult.None, null);
        }
        var organization = OrganizationalDomain(fromDomain);
        var (status, record) = await RecordAsync(fromDomain, cancellationToken);
        var atOrganization = false;
        if (status == DnsStatus.NotFound && organization != fromDomain)
        {
            (status, record) = await RecordAsync(organization, cancellationToken);
            atOrganization = true;
        }
        if (status == DnsStatus.Failed)
        {
            return new DmarcOutcome(AuthResult.TempError, null);
        }
        if (record is null || Policy(record.GetValueOrDefault("p")) is not { } policy)
        {
            return new DmarcOutcome(AuthResult.None, null);
        }
        if (atOrganization && Policy(record.GetValueOrDefault("sp")) is { } subdomainPolicy)
        {
            policy = subdomainPolicy;
        }
        var strictSpf = record.GetValueOrDefault("aspf")?.Equals("s", StringComparison.OrdinalIgnoreCase) == true;
        var strictDkim = record.GetValueOrDefault("adkim")?.Equals("s", StringComparison.OrdinalIgnoreCase) == true;
        var aligned =
            (spfResult == AuthResult.Pass && spfDomain is not null && Aligned(spfDomain, fromDomain, strictSpf))
            || dkimPassingDomains.Any(d => Aligned(d, fromDomain, strictDkim));
        return new DmarcOutcome(aligned ? AuthResult.Pass : AuthResult.Fail, policy);
    }

    /// <summary>The last two labels: <c>mail.example.com</c> → <c>example.com</c> (wrong for <c>example.co.uk</c>; documented).</summary>
    public static string OrganizationalDomain(string domain)
    {
        var labels = domain.TrimEnd('.').ToLowerInvariant().Split('.');
        return labels.Length <= 2 ? string.Join('.', labels) : string.Join('.', labels[^2..]);
    }

    private static bool Aligned(string identifier, string fromDomain, bool strict) =>
        strict
            ? string.Equals(identifier.TrimEnd('.'), fromDomain.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
            : OrganizationalDomain(identifier) == OrganizationalDomain(fromDomain);

    /// <summary>The one DMARC record of <c>_dmarc.domain</c>; several records count as none (§6.6.3).</summary>
    private async Task<(DnsStatus, Dictionary<string, string>?)> RecordAsync(string domain, CancellationToken cancellationToken)
    {
        var answer = await dns.TxtAsync("_dmarc." + domain, cancellationToken);
        if (answer.Status != DnsStatus.Found)
        {
            return (answer.Status, null);
        }
        var records = answer.Records
            .Select(TagList.Parse)
            .Where(t => t.TryGetValue("v", out var version) && version.Equals("DMARC1", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return records.Count == 1 ? (DnsStatus.Found, records[0]) : (DnsStatus.NotFound, null);
    }

    private static string? Policy(string? value) => value?.ToLowerInvariant() switch
    {
        "none" => "none",
        "quarantine" => "quarantine",
        "reject" => "reject",
        _ => null,
    };
}
