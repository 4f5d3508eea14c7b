using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;

namespace Parley.Mail.Dns;

/// <summary>
/// Mail's DNS resolver: one <see cref="LookupClient"/> pointed at <c>Mail:DnsServer</c> when set (else the
/// system's resolvers), shared by every Mail part (SPF/DKIM/DMARC, domain verification, MX lookups).
/// No client-side cache: a re-check after the user publishes a record must see it, and the resolver caches.
/// </summary>
internal sealed class MailDns
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public MailDns(IOptions<MailOptions> options)
    {
        Client = Create(options.Value.DnsServer);
    }

    public ILookupClient Client { get; }

    /// <summary>A client for <paramref name="server"/> (<c>host</c>, <c>host:port</c> or <c>[v6]:port</c>); null or empty: the system's.</summary>
    public static LookupClient Create(string? server)
    {
        var options = string.IsNullOrWhiteSpace(server)
            ? new LookupClientOptions()
            : new LookupClientOptions(ParseEndpoint(server));
        options.UseCache = false;
        options.Timeout = Timeout;
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        options.ContinueOnEmptyResponse = false;
        return new LookupClient(options);
    }

    /// <summary>
    /// The TXT records of <paramref name="name"/>, each record's strings joined (DNS splits long values into
    /// 255-byte strings). <see cref="DnsAnswer.Status"/> says whether the name exists and whether the lookup failed.
    /// </summary>
    public async Task<DnsAnswer<string>> TxtAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await QueryAsync(name, QueryType.TXT, cancellationToken);
        return new DnsAnswer<string>(answer.Status, answer.Records.TxtRecords().Select(t => string.Concat(t.Text)).ToList());
    }

    /// <summary>Runs one query; a timeout or server failure becomes <see cref="DnsStatus.Failed"/>, never an exception.</summary>
    public async Task<DnsAnswer<DnsResourceRecord>> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Client.QueryAsync(name, type, QueryClass.IN, cancellationToken);
            if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
            {
                return new DnsAnswer<DnsResourceRecord>(DnsStatus.NotFound, []);
            }
            if (response.HasError)
            {
                return new DnsAnswer<DnsResourceRecord>(DnsStatus.Failed, []);
            }
            var records = response.Answers.ToList();
            return new DnsAnswer<DnsResourceRecord>(records.Count == 0 ? DnsStatus.NotFound : DnsStatus.Found, records);
        }
        catch (DnsResponseException)
        {
            return new DnsAnswer<DnsResourceRecord>(DnsStatus.Failed, []);
        }
    }

    private static IPEndPoint ParseEndpoint(string server)
    {
        if (IPEndPoint.TryParse(server.Trim(), out var endpoint))
        {
            return endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint;
        }
        throw new InvalidOperationException("Mail:DnsServer must be an IP address with an optional port, e.g. 127.0.0.1:5353");
    }
}

/// <summary>Found: records follow; NotFound: NXDOMAIN or no records of the type (a "void" lookup); Failed: timeout or SERVFAIL.</summary>
internal enum DnsStatus
{
    Found,
    NotFound,
    Failed,
}

internal sealed record DnsAnswer<T>(DnsStatus Status, IReadOnlyList<T> Records);
