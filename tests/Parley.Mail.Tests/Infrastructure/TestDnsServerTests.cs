using DnsClient;
using DnsClient.Protocol;
using System.Net;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Infrastructure;

/// <summary>The DNS fixture answers what it was given and nothing else, so tests of DNS checks mean something.</summary>
public sealed class TestDnsServerTests
{
    private static readonly string LongKey = "v=DKIM1; k=rsa; p=" + new string('A', 392);

    [Fact]
    public async Task It_answers_its_records_through_a_real_resolver()
    {
        using var dns = await TestDnsServer.StartAsync(new DnsZone()
            .Txt("example.test", "v=spf1 ip4:127.0.0.1 -all")
            .Mx("example.test", "mx.example.test")
            .A("mx.example.test")
            .Txt("parley._domainkey.example.test", LongKey));
        var client = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, dns.Port)) { UseCache = false, Timeout = TimeSpan.FromSeconds(2), Retries = 1 });

        var txt = await client.QueryAsync("example.test", QueryType.TXT);
        var mx = await client.QueryAsync("example.test", QueryType.MX);
        var none = await client.QueryAsync("other.test", QueryType.TXT);
        var dkim = await client.QueryAsync("parley._domainkey.example.test", QueryType.TXT);

        Assert.Equal("v=spf1 ip4:127.0.0.1 -all", string.Concat(Assert.Single(txt.Answers.TxtRecords()).Text));
        Assert.Equal("mx.example.test.", Assert.Single(mx.Answers.MxRecords()).Exchange.Value);
        Assert.Empty(none.Answers);
        Assert.Equal(LongKey, string.Concat(Assert.Single(dkim.Answers.TxtRecords()).Text));
    }
}
