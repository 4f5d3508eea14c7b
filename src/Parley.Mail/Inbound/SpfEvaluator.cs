using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;
using Parley.Mail.Dns;

namespace Parley.Mail.Inbound;

/// <summary>
/// SPF, RFC 7208's <c>check_host()</c>: is <c>ip</c> allowed to send mail for <c>domain</c>? Mechanisms all, include,
/// a, mx, ip4, ip6, exists (ptr is deprecated by the RFC and never matches here, though it counts as a lookup),
/// qualifiers, the redirect modifier, macros, and the limits of §4.6.4: at most
/// <c>Mail:Inbound:SpfDnsLookupLimit</c> DNS-querying terms and <c>SpfVoidLookupLimit</c> empty answers per check
/// (an include loop ends there, as permerror).
/// </summary>
internal sealed class SpfEvaluator(MailDns dns, IOptions<MailOptions> options)
{
    /// <summary>RFC 7208 §4.6.4: an mx mechanism may name at most 10 exchanges.</summary>
    private const int MaxMxExchanges = 10;

    /// <param name="ip">The SMTP client's address.</param>
    /// <param name="sender">MAIL FROM (<c>local@domain</c>), or <c>postmaster@helo</c> for the null reverse path.</param>
    /// <param name="helo">The HELO/EHLO name (macro <c>%{h}</c>).</param>
    public async Task<string> CheckAsync(IPAddress ip, string sender, string? helo, CancellationToken cancellationToken)
    {
        var at = sender.LastIndexOf('@');
        var domain = at < 0 ? sender : sender[(at + 1)..];
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        var check = new Check(ip, at <= 0 ? "postmaster@" + domain : sender, helo ?? domain, options.Value.Inbound);
        try
        {
            return await CheckHostAsync(check, domain.TrimEnd('.').ToLowerInvariant(), cancellationToken);
        }
        catch (SpfAbort abort)
        {
            return abort.Result;
        }
    }

    private async Task<string> CheckHostAsync(Check check, string domain, CancellationToken cancellationToken)
    {
        if (!IsDomainName(domain))
        {
            return AuthResult.None;
        }
        var txt = await dns.TxtAsync(domain, cancellationToken);
        if (txt.Status == DnsStatus.Failed)
        {
            throw new SpfAbort(AuthResult.TempError);
        }
        var records = txt.Records.Where(IsSpfRecord).ToList();
        if (records.Count == 0)
        {
            return AuthResult.None;
        }
        if (records.Count > 1)
        {
            throw new SpfAbort(AuthResult.PermError);
        }
        var record = SpfRecord.Parse(records[0]);
        check.Domains.Push(domain);
        try
        {
            foreach (var term in record.Directives)
            {
                if (await MatchesAsync(check, term, domain, cancellationToken))
                {
                    return term.Result;
                }
            }
            if (record.Redirect is { } redirect)
            {
                check.CountLookup();
                var result = await CheckHostAsync(check, SpfMacro.Expand(redirect, check, domain), cancellationToken);
                // §6.1: a redirect to a domain without an SPF record is an error in the redirecting record.
                return result == AuthResult.None ? AuthResult.PermError : result;
            }
            return AuthResult.Neutral;
        }
        finally
        {
            check.Domains.Pop();
        }
    }

    private async Task<bool> MatchesAsync(Check check, SpfDirective term, string domain, CancellationToken cancellationToken)
    {
        switch (term.Mechanism)
        {
            case "all":
                return true;
            case "ip4":
            case "ip6":
                return term.Network is { } network && network.Contains(check.Ip);
            case "include":
            {
                check.CountLookup();
                var result = await CheckHostAsync(check, SpfMacro.Expand(term.Argument!, check, domain), cancellationToken);
                return result switch
                {
                    AuthResult.Pass => true,
                    AuthResult.TempError => throw new SpfAbort(AuthResult.TempError),
                    AuthResult.PermError or AuthResult.None => throw new SpfAbort(AuthResult.PermError),
                    _ => false,
                };
            }
            case "a":
            {
                check.CountLookup();
                var target = term.Argument is null ? domain : SpfMacro.Expand(term.Argument, check, domain);
                return (await AddressesAsync(check, target, countVoid: true, cancellationToken)).Any(a => term.Contains(a, check.Ip));
            }
            case "mx":
            {
                check.CountLookup();
                var target = term.Argument is null ? domain : SpfMacro.Expand(term.Argument, check, domain);
                var mx = await LookupAsync(check, target, QueryType.MX, countVoid: true, cancellationToken);
                var exchanges = mx.MxRecords().Select(r => r.Exchange.Value.TrimEnd('.')).Where(e => e.Length > 0).ToList();
                if (exchanges.Count > MaxMxExchanges)
                {
                    throw new SpfAbort(AuthResult.PermError);
                }
                foreach (var exchange in exchanges)
                {
                    if ((await AddressesAsync(check, exchange, countVoid: false, cancellationToken)).Any(a => term.Contains(a, check.Ip)))
                    {
                        return true;
                    }
                }
                return false;
            }
            case "exists":
            {
                check.CountLookup();
                var target = SpfMacro.Expand(term.Argument!, check, domain);
                return (await LookupAsync(check, target, QueryType.A, countVoid: true, cancellationToken)).ARecords().Any();
            }
            case "ptr":
                check.CountLookup();
                return false;
            default:
                throw new SpfAbort(AuthResult.PermError);
        }
    }

    /// <summary>The A (for an IPv4 client) or AAAA (IPv6) addresses of <paramref name="name"/>.</summary>
    private async Task<IEnumerable<IPAddress>> AddressesAsync(Check check, string name, bool countVoid, CancellationToken cancellationToken)
    {
        if (check.Ip.AddressFamily == AddressFamily.InterNetwork)
        {
            return (await LookupAsync(check, name, QueryType.A, countVoid, cancellationToken)).ARecords().Select(r => r.Address).ToList();
        }
        return (await LookupAsync(check, name, QueryType.AAAA, countVoid, cancellationToken)).AaaaRecords().Select(r => r.Address).ToList();
    }

    private async Task<IReadOnlyList<DnsResourceRecord>> LookupAsync(Check check, string name, QueryType type, bool countVoid, CancellationToken cancellationToken)
    {
        if (!IsDomainName(name))
        {
            return [];
        }
        var answer = await dns.QueryAsync(name, type, cancellationToken);
        switch (answer.Status)
        {
            case DnsStatus.Failed:
                throw new SpfAbort(AuthResult.TempError);
            case DnsStatus.NotFound when countVoid:
                check.CountVoidLookup();
                break;
        }
        return answer.Records;
    }

    private static bool IsSpfRecord(string txt) =>
        txt.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase) && (txt.Length == 6 || txt[6] == ' ');

    private static bool IsDomainName(string name) =>
        name.Length is > 0 and <= 253 && name.Contains('.') && name.Split('.').All(l => l.Length is > 0 and <= 63);

    /// <summary>One check_host() run and its nested includes: the shared counters the limits apply to.</summary>
    internal sealed class Check(IPAddress ip, string sender, string helo, InboundOptions limits)
    {
        private int _lookups;
        private int _voidLookups;

        public IPAddress Ip { get; } = ip;
        public string Sender { get; } = sender;
        public string Helo { get; } = helo;
        public Stack<string> Domains { get; } = new();

        public void CountLookup()
        {
            if (++_lookups > limits.SpfDnsLookupLimit)
            {
                throw new SpfAbort(AuthResult.PermError);
            }
        }

        public void CountVoidLookup()
        {
            if (++_voidLookups > limits.SpfVoidLookupLimit)
            {
                throw new SpfAbort(AuthResult.PermError);
            }
        }
    }
}

/// <summary>Ends a check at once with <see cref="Result"/> (permerror, temperror), as RFC 7208 prescribes for errors.</summary>
internal sealed class SpfAbort(string result) : Exception(result)
{
    public string Result { get; } = result;
}
