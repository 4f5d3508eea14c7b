using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Parley.Mail.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using static Parley.Mail.Tests.Api.MailApiKit;

namespace Parley.Mail.Tests.AuthKeys;

/// <summary>Organizations register public keys and call the Mail API with JWTs they sign; revocation ends them at once.</summary>
public sealed class MailJwtTests
{
    [Theory, BothProviders]
    public async Task Keys_of_each_algorithm_authenticate_and_a_revoked_key_stops_at_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        await app.DomainWithInboxAsync(admin);
        foreach (var algorithm in new[] { "ES256", "ES384", "RS256" })
        {
            using var key = await OrganizationKey.Create(algorithm).RegisterAsync(app, admin);
            var token = key.Token("domains:manage");
            await app.SendAsync(HttpMethod.Get, "/api/mail/domains", token).OkJsonAsync();
            // Without a kid: found among the issuer's keys of the algorithm; scopes as an array work too.
            await app.SendAsync(HttpMethod.Get, "/api/mail/domains", key.Token("domains:manage", withKid: false, scopesAsArray: true)).OkJsonAsync();

            Assert.Equal(HttpStatusCode.NoContent, (await app.SendAsync(HttpMethod.Delete, $"/api/mail/auth-keys/{key.Id}", admin)).StatusCode);
            await app.SendAsync(HttpMethod.Get, "/api/mail/domains", token).RefusedAsync(HttpStatusCode.Unauthorized);
        }
        var listed = await app.SendAsync(HttpMethod.Get, "/api/mail/auth-keys", admin).OkJsonAsync();
        Assert.All(listed.GetProperty("items").EnumerateArray(), k => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, k.GetProperty("revoked_at").ValueKind));
    }

    [Theory, BothProviders]
    public async Task Weak_wrong_curve_and_private_keys_are_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        using var small = OrganizationKey.Create("RS256", rsaBits: 1024);
        using var p384 = OrganizationKey.Create("ES384");
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        foreach (var (pem, algorithm) in new[] { (small.PublicPem, "RS256"), (p384.PublicPem, "ES256"), (ec.ExportPkcs8PrivateKeyPem(), "ES256"), ("garbage", "ES256") })
        {
            var code = await app.SendAsync(HttpMethod.Post, "/api/mail/auth-keys", admin,
                new { organization_id = "org", name = "k", public_key_pem = pem, algorithm }).RefusedAsync(HttpStatusCode.BadRequest);
            Assert.Equal("invalid_key", code);
        }
        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Post, "/api/mail/auth-keys", admin,
            new { organization_id = "org", name = "k", public_key_pem = p384.PublicPem, algorithm = "HS256" }).RefusedAsync(HttpStatusCode.BadRequest));
    }

    [Theory, BothProviders]
    public async Task Tokens_need_scopes_a_near_exp_the_right_issuer_and_the_right_key(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Mail:Auth:MaxTokenLifetimeMinutes"] = "30" });
        var admin = (await app.SignInAsync()).AccessToken;
        using var key = await OrganizationKey.Create().RegisterAsync(app, admin);
        using var stranger = OrganizationKey.Create();
        typeof(OrganizationKey).GetProperty(nameof(OrganizationKey.Id))!.SetValue(stranger, key.Id); // signs with another key under our kid

        await app.SendAsync(HttpMethod.Get, "/api/mail/domains", key.Token("threads:read")).RefusedAsync(HttpStatusCode.Forbidden);
        await app.SendAsync(HttpMethod.Get, "/api/mail/domains", key.Token("")).RefusedAsync(HttpStatusCode.Forbidden); // no scopes: nothing
        await app.SendAsync(HttpMethod.Get, "/api/mail/domains", key.Token("domains:manage", lifetime: TimeSpan.FromMinutes(45))).RefusedAsync(HttpStatusCode.Unauthorized);
        await app.SendAsync(HttpMethod.Get, "/api/mail/domains", key.Token("domains:manage", lifetime: TimeSpan.FromMinutes(-5))).RefusedAsync(HttpStatusCode.Unauthorized);
        await app.SendAsync(HttpMethod.Get, "/api/mail/domains", key.Token("domains:manage", withExp: false)).RefusedAsync(HttpStatusCode.Unauthorized);
        await app.SendAsync(HttpMethod.Get, "/api/mail/domains", key.Token("domains:manage", issuer: "org-2")).RefusedAsync(HttpStatusCode.Unauthorized);
        await app.SendAsync(HttpMethod.Get, "/api/mail/domains", key.Token("domains:manage nonsense:scope")).RefusedAsync(HttpStatusCode.Unauthorized);
        await app.SendAsync(HttpMethod.Get, "/api/mail/domains", stranger.Token("domains:manage")).RefusedAsync(HttpStatusCode.Unauthorized);
        // A JWT can never manage auth keys: apikeys.* are not mail scopes.
        await app.SendAsync(HttpMethod.Get, "/api/mail/auth-keys", key.Token("domains:manage")).RefusedAsync(HttpStatusCode.Forbidden);

        // HS256 with the key's bytes as a secret (alg confusion) goes to Parley's own JWT handler and fails there.
        var hs = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = key.Organization,
            Claims = new Dictionary<string, object> { ["scopes"] = "domains:manage" },
            Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key.PublicPem)) { KeyId = key.Id.ToString() }, SecurityAlgorithms.HmacSha256),
        });
        await app.SendAsync(HttpMethod.Get, "/api/mail/domains", hs).RefusedAsync(HttpStatusCode.Unauthorized);
        // Parley's own tokens still work beside them.
        await app.SendAsync(HttpMethod.Get, "/api/mail/domains", admin).OkJsonAsync();
    }

    [Theory, BothProviders]
    public async Task A_token_bound_to_inboxes_sees_only_those(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        var (domain, mine) = await app.DomainWithInboxAsync(admin);
        var theirs = await app.CreateInboxAsync(admin, domain, "theirs");
        var shared = await app.ReceiveAsync(Email("shared@x.test", "Both", "to both inboxes"), mine, theirs);
        var secret = await app.ReceiveAsync(Email("secret@x.test", "Theirs", "only theirs", to: "theirs@example.test"), theirs);
        using var key = await OrganizationKey.Create().RegisterAsync(app, admin);
        var token = key.Token("threads:read messages:read threads:delete attachments:read", inboxes: [mine]);

        var inboxes = await app.SendAsync(HttpMethod.Get, "/api/mail/inboxes", token).OkJsonAsync();
        Assert.Equal(mine, Assert.Single(inboxes.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{theirs}", token).RefusedAsync(HttpStatusCode.NotFound);
        await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{theirs}/threads", token).RefusedAsync(HttpStatusCode.NotFound);
        await app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(secret)}", token).RefusedAsync(HttpStatusCode.NotFound);
        await app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(shared)}", token).OkJsonAsync();
        var found = await app.SendAsync(HttpMethod.Get, "/api/mail/search?q=only", token).OkJsonAsync();
        Assert.Empty(found.GetProperty("items").EnumerateArray());
        await app.SendAsync(HttpMethod.Get, $"/api/mail/search?q=both&inbox_id={theirs}", token).RefusedAsync(HttpStatusCode.NotFound);
        var threads = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{mine}/threads", token).OkJsonAsync();
        Assert.Single(threads.GetProperty("items").EnumerateArray());
        var theirsThreads = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{theirs}/threads", admin).OkJsonAsync();
        var secretThread = theirsThreads.GetProperty("items").EnumerateArray().Single(t => t.Str("subject") == "Theirs").Str("id");
        await app.SendAsync(HttpMethod.Get, $"/api/mail/threads/{secretThread}", token).RefusedAsync(HttpStatusCode.NotFound);
        await app.SendAsync(HttpMethod.Delete, $"/api/mail/threads/{secretThread}", token).RefusedAsync(HttpStatusCode.NotFound);
        await app.SendAsync(HttpMethod.Get, $"/api/mail/threads/{secretThread}", admin).OkJsonAsync();
    }
}
