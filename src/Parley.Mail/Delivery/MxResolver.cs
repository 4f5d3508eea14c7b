using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Parley.Mail.Dns;

namespace Parley.Mail.Delivery;

/// <summary>A host that receives a domain's mail, and where to reach it.</summary>
internal sealed record MailExchanger(string Name, IPAddress Address);

/// <summary>DNS could not answer now (timeout, SERVFAIL): delivery is tried again later.</summary>
internal sealed class DnsTemporaryException(string message) : Exception(message);

/// <summary>
/// Where a domain's mail goes (RFC 5321 §5.1): its MX hosts by preference, or the domain's own address
/// when it has no MX; none when the domain does not exist or publishes a null MX (RFC 7505).
/// Asks <c>Mail:DnsServer</c>, or the system's resolver.
/// </summary>
internal sealed class MxResolver(MailDns dns)
{

    public async Task<IReadOnlyList<MailExchanger>> ResolveAsync(string domain, CancellationToken cancellationToken)
    {
        var mx = await QueryAsync(domain, QueryType.MX, cancellationToken);
        if (mx is null)
        {
            return [];
        }
        var records = mx.Answers.MxRecords().OrderBy(r => r.Preference).ToList();
        if (records.Count == 0)
        {
            return await AddressesAsync(domain, domain, mx.Additionals, cancellationToken);
        }
        if (records.Count == 1 && records[0].Exchange.Value == ".")
        {
            return [];
        }
        var hosts = new List<MailExchanger>();
        foreach (var record in records)
        {
            var name = record.Exchange.Value.TrimEnd('.');
            hosts.AddRange(await AddressesAsync(name, name, mx.Additionals, cancellationToken));
        }
        return hosts;
    }

    private async Task<IReadOnlyList<MailExchanger>> AddressesAsync(string host, string label, IReadOnlyList<DnsResourceRecord> additionals, CancellationToken cancellationToken)
    {
        var glue = additionals.ARecords().Where(a => Same(a.DomainName.Value, host)).Select(a => a.Address).ToList();
        if (glue.Count > 0)
        {
            return glue.Select(a => new MailExchanger(label, a)).ToList();
        }
        var a = await QueryAsync(host, QueryType.A, cancellationToken);
        var aaaa = await QueryAsync(host, QueryType.AAAA, cancellationToken);
        return (a?.Answers.ARecords().Select(r => r.Address) ?? [])
            .Concat(aaaa?.Answers.AaaaRecords().Select(r => r.Address) ?? [])
            .Select(address => new MailExchanger(label, address))
            .ToList();
    }

    /// <summary>The answer; null when the name does not exist; throws <see cref="DnsTemporaryException"/> when DNS fails.</summary>
    private async Task<IDnsQueryResponse?> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await dns.Client.QueryAsync(name, type, QueryClass.IN, cancellationToken);
        }
        catch (DnsResponseException ex)
        {
            throw new DnsTemporaryException($"DNS {type} {name}: {ex.Message}");
        }
        if (response.HasError)
        {
            return response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain
                ? null
                : throw new DnsTemporaryException($"DNS {type} {name}: {response.ErrorMessage}");
        }
        return response;
    }

    private static bool Same(string a, string b) => string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
