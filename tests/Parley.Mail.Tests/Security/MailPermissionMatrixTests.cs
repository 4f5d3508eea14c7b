using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Security;
using Parley.Mail.Tests.AuthKeys;
using Parley.Mail.Tests.Webhooks;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Mail.Tests.Security;

/// <summary>
/// Every Mail endpoint called by a user without permissions, an admin, API keys with and without the permission,
/// and organization JWTs with and without the scope and bound to another inbox: each gets what its rule says.
/// </summary>
public sealed class MailPermissionMatrixTests
{
    [Fact]
    public async Task Every_mail_endpoint_has_a_rule()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var mapped = MailEndpoints(app.Services);
        var ruled = MailPermissionMatrix.Rules.Select(r => r.Endpoint).ToHashSet(StringComparer.Ordinal);
        var unruled = mapped.Except(ruled).Order(StringComparer.Ordinal).ToList();
        Assert.True(unruled.Count == 0, "Endpoints without a rule in MailPermissionMatrix:" + Environment.NewLine + string.Join(Environment.NewLine, unruled));
        var stale = ruled.Except(mapped).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "Rules for endpoints that do not exist:" + Environment.NewLine + string.Join(Environment.NewLine, stale));
    }

    [Theory, BothProviders]
    public async Task Each_endpoint_answers_each_caller_as_its_rule_says(string provider)
    {
        using var dns = await TestDnsServer.StartAsync(new DnsZone());
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Mail:DnsServer"] = dns.Endpoint,
            // Every world adds an endpoint.
            ["Mail:Webhooks:MaxEndpoints"] = "10000",
        });
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = (await app.SignInAsync()).AccessToken;
        await app.CreateUserAsync(owner, "plain", "plain-user-password-1");
        await app.CreateUserAsync(owner, "mailadmin", "mail-admin-password-1", "admin");
        var user = (await app.SignInAsync("plain", "plain-user-password-1")).AccessToken;
        var admin = (await app.SignInAsync("mailadmin", "mail-admin-password-1")).AccessToken;
        using var organization = await OrganizationKey.Create().RegisterAsync(app, owner);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);

        async Task<string> KeyAsync(string[] permissions)
        {
            var name = string.Join(",", permissions);
            if (!keys.TryGetValue(name, out var key))
            {
                key = keys[name] = (await app.CreateApiKeyAsync(owner, permissions)).Key;
            }
            return key;
        }

        var failures = new List<string>();
        foreach (var rule in MailPermissionMatrix.Rules)
        {
            var scope = MailScopes.ToPermission.FirstOrDefault(s => s.Value == rule.Permission).Key;
            var otherScopes = string.Join(' ', MailScopes.ToPermission.Where(s => s.Value != rule.Permission).Select(s => s.Key));
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var world = await MailWorld.CreateAsync(app, receiver.Url.ToString());
                var token = caller switch
                {
                    Caller.User => user,
                    Caller.Admin => admin,
                    Caller.KeyWith => await KeyAsync([rule.Permission]),
                    Caller.KeyWithout => await KeyAsync(Permissions.All.Where(p => p != rule.Permission).ToArray()),
                    Caller.JwtWith => organization.Token(scope ?? ""),
                    Caller.JwtWithout => organization.Token(otherScopes),
                    _ => organization.Token(scope ?? "", inboxes: [world.OtherInbox]),
                };
                using var response = await app.SendAsync(rule.Method, rule.Path(world), token, rule.Body?.Invoke(world));
                var status = (int)response.StatusCode;
                var expected = rule.Expected(caller);
                if (expected == 2 ? status is < 200 or >= 300 : status != expected)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    failures.Add($"{rule.Endpoint} as {caller}: {status} {body[..Math.Min(200, body.Length)]} (expected {(expected == 2 ? "2xx" : expected)})");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static HashSet<string> MailEndpoints(IServiceProvider services)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in services.GetServices<EndpointDataSource>())
        {
            foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
            {
                var raw = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
                if (!raw.StartsWith("/api/mail/", StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    names.Add($"{method} {raw}");
                }
            }
        }
        return names;
    }
}
