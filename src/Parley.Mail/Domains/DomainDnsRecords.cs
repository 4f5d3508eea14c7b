namespace Parley.Mail.Domains;

/// <summary>One record a domain's owner publishes, and whether the last check found it.</summary>
internal sealed record DnsRecordView(string Type, string Name, string Value, string Purpose, bool Verified);

/// <summary>
/// The four records that make a domain work with Parley: MX to this server, SPF allowing it, the DKIM key,
/// a DMARC policy; and what counts as finding each when verifying.
/// </summary>
internal static class DomainDnsRecords
{
    public const string Mx = "mx";
    public const string Spf = "spf";
    public const string Dkim = "dkim";
    public const string Dmarc = "dmarc";

    public static string SpfValue => "v=spf1 mx -all";
    public static string DmarcValue => "v=DMARC1; p=quarantine";
    public static string DkimName(MailDomain domain) => $"{domain.DkimSelector}._domainkey.{domain.Name}";
    public static string DmarcName(MailDomain domain) => $"_dmarc.{domain.Name}";
    public static string DkimValue(MailDomain domain) => $"v=DKIM1; k=rsa; p={domain.DkimPublicKey}";

    public static IReadOnlyList<DnsRecordView> For(MailDomain domain, string hostname) =>
    [
        new("MX", domain.Name, $"10 {hostname}", Mx, domain.MxVerified),
        new("TXT", domain.Name, SpfValue, Spf, domain.SpfVerified),
        new("TXT", DkimName(domain), DkimValue(domain), Dkim, domain.DkimVerified),
        new("TXT", DmarcName(domain), DmarcValue, Dmarc, domain.DmarcVerified),
    ];

    /// <summary>An MX naming this server.</summary>
    public static bool IsOurMx(string exchange, string hostname) =>
        string.Equals(exchange.TrimEnd('.'), hostname.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    /// <summary>An SPF record that lets this server send: the <c>mx</c> mechanism (the MX is ours) or <c>a:hostname</c>.</summary>
    public static bool IsSpfAllowingUs(string txt, string hostname)
    {
        var terms = txt.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0 || !terms[0].Equals("v=spf1", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return terms.Skip(1).Select(t => t.TrimStart('+')).Any(t =>
            t.Equals("mx", StringComparison.OrdinalIgnoreCase)
            || t.Equals("a:" + hostname.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A DKIM record publishing this domain's public key (tags compared without whitespace).</summary>
    public static bool IsOurDkim(string txt, MailDomain domain)
    {
        if (string.IsNullOrEmpty(domain.DkimPublicKey))
        {
            return false;
        }
        var tags = txt.Split(';').Select(t => t.Trim()).Where(t => t.Length > 0)
            .Select(t => t.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0].Trim().ToLowerInvariant(), kv => string.Concat(kv[1].Where(c => !char.IsWhiteSpace(c))), StringComparer.Ordinal);
        return tags.TryGetValue("p", out var key) && key == domain.DkimPublicKey
            && (!tags.TryGetValue("v", out var v) || v == "DKIM1");
    }

    public static bool IsDmarc(string txt) => txt.TrimStart().StartsWith("v=DMARC1", StringComparison.OrdinalIgnoreCase);
}
