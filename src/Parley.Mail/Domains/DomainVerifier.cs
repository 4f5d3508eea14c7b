using Parley.Mail.Dns;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;

namespace Parley.Mail.Domains;

/// <summary>Checks a domain's four records through DNS now and sets its flags (unsaved); <c>verified_at</c> when all four hold.</summary>
internal sealed class DomainVerifier(MailDns dns, IOptionsMonitor<MailOptions> options, TimeProvider clock)
{
    public async Task VerifyAsync(MailDomain domain, CancellationToken cancellationToken)
    {
        var hostname = options.CurrentValue.Hostname;
        var client = dns.Client;
        var mx = await client.QueryAsync(domain.Name, QueryType.MX, cancellationToken: cancellationToken);
        domain.MxVerified = mx.Answers.MxRecords().Any(r => DomainDnsRecords.IsOurMx(r.Exchange.Value, hostname));
        domain.SpfVerified = (await TxtAsync(client, domain.Name, cancellationToken)).Any(t => DomainDnsRecords.IsSpfAllowingUs(t, hostname));
        domain.DkimVerified = (await TxtAsync(client, DomainDnsRecords.DkimName(domain), cancellationToken)).Any(t => DomainDnsRecords.IsOurDkim(t, domain));
        domain.DmarcVerified = (await TxtAsync(client, DomainDnsRecords.DmarcName(domain), cancellationToken)).Any(DomainDnsRecords.IsDmarc);
        var now = clock.GetUtcNow().UtcDateTime;
        domain.VerifiedAt = domain.MxVerified && domain.SpfVerified && domain.DkimVerified && domain.DmarcVerified ? now : null;
        domain.UpdatedAt = now;
    }

    /// <summary>Each TXT record's strings joined, as DNS splits long values (a DKIM key) into several.</summary>
    private static async Task<List<string>> TxtAsync(ILookupClient client, string name, CancellationToken cancellationToken)
    {
        var answer = await client.QueryAsync(name, QueryType.TXT, cancellationToken: cancellationToken);
        return answer.Answers.TxtRecords().Select(r => string.Concat(r.Text)).ToList();
    }
}
