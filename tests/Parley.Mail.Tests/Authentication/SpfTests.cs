using System.Net;
using Microsoft.Extensions.Options;
using Parley.Mail.Dns;
using Parley.Mail.Inbound;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Authentication;

/// <summary>SPF (RFC 7208) against a real DNS server holding the records.</summary>
public sealed class SpfTests : IAsyncLifetime
{
    private TestDnsServer _dns = null!;

    public async Task InitializeAsync()
    {
        _dns = await TestDnsServer.StartAsync(new DnsZone()
            .Authoritative("test")
            .Txt("pass.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .Txt("soft.test", "v=spf1 a:mail.soft.test mx ~all")
            .A("mail.soft.test", "192.0.2.20")
            .Mx("soft.test", "mx.soft.test")
            .A("mx.soft.test", "192.0.2.30")
            .Txt("inc.test", "v=spf1 include:pass.test ?all")
            .Txt("loop.test", "v=spf1 include:loop.test -all")
            .Txt("pingpong.test", "v=spf1 include:pong.test -all")
            .Txt("pong.test", "v=spf1 redirect=pingpong.test")
            .Txt("redirect.test", "v=spf1 redirect=pass.test")
            .Txt("two.test", "v=spf1 -all")
            .Txt("two.test", "v=spf1 +all")
            .Txt("other.test", "google-site-verification=abc")
            .Txt("void.test", "v=spf1 a:x1.void.test a:x2.void.test a:x3.void.test +all")
            .Txt("macro.test", "v=spf1 exists:%{i}.%{l}.allow.macro.test -all")
            .A("192.0.2.40.bounces.allow.macro.test", "127.0.0.2")
            .Txt("six.test", "v=spf1 ip6:2001:db8::/32 -all")
            .Txt("typo.test", "v=spf1 ip4:999.1.1.1 -all")
            .Txt("unknown.test", "v=spf1 frobnicate:x.test -all")
            .Txt("includes-missing.test", "v=spf1 include:absent.test -all")
            .Txt("elsewhere.test", "v=spf1 include:elsewhere.invalid -all"));
    }

    public Task DisposeAsync()
    {
        _dns.Dispose();
        return Task.CompletedTask;
    }

    private Task<string> CheckAsync(string ip, string domain, string local = "bounces") =>
        new SpfEvaluator(new MailDns(Options.Create(new MailOptions { DnsServer = _dns.Endpoint })), Options.Create(new MailOptions()))
            .CheckAsync(IPAddress.Parse(ip), local + "@" + domain, "client.example", CancellationToken.None);

    [Theory]
    [InlineData("192.0.2.10", "pass.test", "pass")]
    [InlineData("198.51.100.1", "pass.test", "fail")]
    [InlineData("::ffff:192.0.2.10", "pass.test", "pass")]
    [InlineData("192.0.2.20", "soft.test", "pass")]
    [InlineData("192.0.2.30", "soft.test", "pass")]
    [InlineData("192.0.2.31", "soft.test", "softfail")]
    [InlineData("192.0.2.10", "inc.test", "pass")]
    [InlineData("198.51.100.1", "inc.test", "neutral")]
    [InlineData("192.0.2.10", "redirect.test", "pass")]
    [InlineData("198.51.100.1", "redirect.test", "fail")]
    [InlineData("192.0.2.40", "macro.test", "pass")]
    [InlineData("192.0.2.41", "macro.test", "fail")]
    [InlineData("2001:db8::1", "six.test", "pass")]
    [InlineData("2001:db9::1", "six.test", "fail")]
    [InlineData("192.0.2.10", "other.test", "none")]
    [InlineData("192.0.2.10", "absent.test", "none")]
    public async Task Mechanisms_qualifiers_and_modifiers_decide_the_result(string ip, string domain, string expected)
    {
        Assert.Equal(expected, await CheckAsync(ip, domain));
    }

    [Theory]
    [InlineData("loop.test")]
    [InlineData("pingpong.test")]
    public async Task An_include_loop_runs_into_the_lookup_limit_and_is_a_permerror(string domain)
    {
        Assert.Equal("permerror", await CheckAsync("192.0.2.10", domain));
    }

    [Theory]
    [InlineData("two.test")]
    [InlineData("void.test")]
    [InlineData("typo.test")]
    [InlineData("unknown.test")]
    [InlineData("includes-missing.test")]
    public async Task Broken_records_are_permerrors(string domain)
    {
        Assert.Equal("permerror", await CheckAsync("192.0.2.10", domain));
    }

    [Fact]
    public async Task A_lookup_the_resolver_refuses_is_a_temperror()
    {
        Assert.Equal("temperror", await CheckAsync("192.0.2.10", "elsewhere.test"));
    }

    [Fact]
    public async Task The_lookup_limit_is_configurable()
    {
        var options = Options.Create(new MailOptions { Inbound = new InboundOptions { SpfDnsLookupLimit = 1 } });
        var spf = new SpfEvaluator(new MailDns(Options.Create(new MailOptions { DnsServer = _dns.Endpoint })), options);

        Assert.Equal("pass", await spf.CheckAsync(IPAddress.Parse("192.0.2.10"), "x@inc.test", null, CancellationToken.None));
        Assert.Equal("permerror", await spf.CheckAsync(IPAddress.Parse("192.0.2.30"), "x@soft.test", null, CancellationToken.None));
    }
}
