using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Mail.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Mail.Tests.Api;

/// <summary>Domains: names normalized, duplicates refused, DNS records shown, verification through a real DNS server.</summary>
public sealed class DomainsApiTests
{
    private const string PublicKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtestkey";

    [Theory, BothProviders]
    public async Task A_domain_is_normalized_listed_patched_and_soft_deleted(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Mail:Hostname"] = "mx.parley.test" });
        var admin = (await app.SignInAsync()).AccessToken;

        var created = await app.CreateDomainAsync(admin, " Bücher.Example. ");
        Assert.Equal("xn--bcher-kva.example", created.Str("name"));
        var id = created.GetProperty("id").GetGuid();
        var records = created.GetProperty("dns_records").EnumerateArray().ToList();
        Assert.Equal(["mx", "spf", "dkim", "dmarc"], records.Select(r => r.Str("purpose")));
        Assert.Equal("10 mx.parley.test", records[0].Str("value"));
        Assert.Equal("parley._domainkey.xn--bcher-kva.example", records[2].Str("name"));
        Assert.Equal("_dmarc.xn--bcher-kva.example", records[3].Str("name"));
        Assert.All(records, r => Assert.False(r.GetProperty("verified").GetBoolean()));

        Assert.Equal("domain_exists", await app.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = "BÜCHER.example" }).RefusedAsync(HttpStatusCode.Conflict));
        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = "no_such domain" }).RefusedAsync(HttpStatusCode.BadRequest));
        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = "localhost" }).RefusedAsync(HttpStatusCode.BadRequest));

        var patched = await app.SendAsync(HttpMethod.Patch, $"/api/mail/domains/{id}", admin, new { from_name = "Books", reply_to_address = "Help@Bücher.example" }).OkJsonAsync();
        Assert.Equal("Books", patched.Str("from_name"));
        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Patch, $"/api/mail/domains/{id}", admin, new { bounce_address = "not an address" }).RefusedAsync(HttpStatusCode.BadRequest));

        await app.CreateDomainAsync(admin, "second.example");
        var page1 = await app.SendAsync(HttpMethod.Get, "/api/mail/domains?limit=1", admin).OkJsonAsync();
        Assert.Single(page1.GetProperty("items").EnumerateArray());
        var page2 = await app.SendAsync(HttpMethod.Get, "/api/mail/domains?limit=1&cursor=" + Uri.EscapeDataString(page1.Str("next_cursor")), admin).OkJsonAsync();
        Assert.Equal("second.example", Assert.Single(page2.GetProperty("items").EnumerateArray()).Str("name"));
        Assert.Equal(JsonValueKindNull, page2.GetProperty("next_cursor").ValueKind);

        var inbox = await app.CreateInboxAsync(admin, id, "orders");
        Assert.Equal(HttpStatusCode.NoContent, (await app.SendAsync(HttpMethod.Delete, $"/api/mail/domains/{id}", admin)).StatusCode);
        Assert.Equal("domain_not_found", await app.SendAsync(HttpMethod.Get, $"/api/mail/domains/{id}", admin).RefusedAsync(HttpStatusCode.NotFound));
        Assert.Equal("inbox_not_found", await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}", admin).RefusedAsync(HttpStatusCode.NotFound));
        // The name is free again once the domain is gone.
        await app.CreateDomainAsync(admin, "bücher.example");
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Theory, BothProviders]
    public async Task Verify_checks_each_record_through_the_configured_dns_server(string provider)
    {
        using var dns = await TestDnsServer.StartAsync(new DnsZone()
            .Mx("good.test", "mx.parley.test")
            .Txt("good.test", "v=spf1 mx -all")
            .Txt("parley._domainkey.good.test", "v=DKIM1; k=rsa; p=" + PublicKey)
            .Txt("_dmarc.good.test", "v=DMARC1; p=quarantine")
            // half.test: MX elsewhere, SPF without us, a DKIM record with another key, no DMARC.
            .Mx("half.test", "mx.elsewhere.test")
            .Txt("half.test", "v=spf1 a:mx.parley.test -all")
            .Txt("parley._domainkey.half.test", "v=DKIM1; k=rsa; p=OTHERKEY"));
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Mail:Hostname"] = "mx.parley.test",
            ["Mail:DnsServer"] = dns.Endpoint,
        });
        var admin = (await app.SignInAsync()).AccessToken;
        var good = (await app.CreateDomainAsync(admin, "good.test")).GetProperty("id").GetGuid();
        var half = (await app.CreateDomainAsync(admin, "half.test")).GetProperty("id").GetGuid();
        await using (var scope = app.CreateScope())
        {
            // The sending part assigns the DKIM key; stand in for it.
            var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
            await db.Domains.ExecuteUpdateAsync(s => s.SetProperty(d => d.DkimPublicKey, PublicKey));
        }

        var verified = await app.SendAsync(HttpMethod.Post, $"/api/mail/domains/{good}/verify", admin).OkJsonAsync();
        Assert.True(verified.GetProperty("mx_verified").GetBoolean());
        Assert.True(verified.GetProperty("spf_verified").GetBoolean());
        Assert.True(verified.GetProperty("dkim_verified").GetBoolean());
        Assert.True(verified.GetProperty("dmarc_verified").GetBoolean());
        Assert.NotEqual(JsonValueKindNull, verified.GetProperty("verified_at").ValueKind);
        Assert.All(verified.GetProperty("dns_records").EnumerateArray(), r => Assert.True(r.GetProperty("verified").GetBoolean()));
        Assert.Contains("p=" + PublicKey, verified.GetProperty("dns_records")[2].Str("value"), StringComparison.Ordinal);

        var partial = await app.SendAsync(HttpMethod.Post, $"/api/mail/domains/{half}/verify", admin).OkJsonAsync();
        Assert.False(partial.GetProperty("mx_verified").GetBoolean());
        Assert.True(partial.GetProperty("spf_verified").GetBoolean());
        Assert.False(partial.GetProperty("dkim_verified").GetBoolean());
        Assert.False(partial.GetProperty("dmarc_verified").GetBoolean());
        Assert.Equal(JsonValueKindNull, partial.GetProperty("verified_at").ValueKind);

        // Stored, not only answered.
        var again = await app.SendAsync(HttpMethod.Get, $"/api/mail/domains/{good}", admin).OkJsonAsync();
        Assert.True(again.GetProperty("dkim_verified").GetBoolean());
    }
}
