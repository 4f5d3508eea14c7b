using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Panel;

/// <summary>
/// Every panel endpoint called anonymously (401), by a signed-in user without panel permissions (403), by one holding
/// every panel permission but the endpoint's (403), and by one holding it (2xx): the rule in <see cref="PanelPermissionMatrix"/>.
/// </summary>
public sealed class PanelPermissionMatrixTests
{
    public const string SpareSessionHash = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    [Fact]
    public async Task Every_modmail_endpoint_has_a_rule()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var mapped = ModmailEndpoints(app.Services);
        var ruled = PanelPermissionMatrix.Rules.Select(r => r.Endpoint).ToHashSet(StringComparer.Ordinal);
        var unruled = mapped.Except(ruled).Except(PanelPermissionMatrix.OtherParts).Order(StringComparer.Ordinal).ToList();
        Assert.True(unruled.Count == 0, "Endpoints without a rule in PanelPermissionMatrix:" + Environment.NewLine + string.Join(Environment.NewLine, unruled));
        var stale = ruled.Except(mapped).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "Rules for endpoints that do not exist:" + Environment.NewLine + string.Join(Environment.NewLine, stale));
    }

    [Theory, BothProviders]
    public async Task Each_endpoint_answers_each_caller_as_its_rule_says(string provider)
    {
        var errors = new LoggedErrors();
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Modmail:SuperAdmins:0"] = "root" },
            builder => builder.Logging.AddProvider(errors));
        var owner = await app.UserAsync("deskowner");
        var community = await app.CommunityAsync(owner);
        var outsider = await app.UserAsync("outsider");
        var root = await app.UserAsync("root");
        var holders = new Dictionary<string, ChatUser>(StringComparer.Ordinal);
        var others = new Dictionary<string, ChatUser>(StringComparer.Ordinal);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
            var n = 0;
            foreach (var permission in PanelPermissions.All)
            {
                var holder = holders[permission] = await StaffAsync(app, community, owner, "holder" + n);
                var other = others[permission] = await StaffAsync(app, community, owner, "others" + n++);
                db.PanelPermissions.Add(new PanelPermission { SubjectType = "user", SubjectId = holder.Id.ToString("D"), Permission = permission, GrantedBy = "test" });
                foreach (var rest in PanelPermissions.All.Where(p => p != permission))
                {
                    db.PanelPermissions.Add(new PanelPermission { SubjectType = "user", SubjectId = other.Id.ToString("D"), Permission = rest, GrantedBy = "test" });
                }
            }
            db.PanelSessions.Add(new PanelSession { SessionId = SpareSessionHash, UserId = "nobody", ExpiresAt = 4_000_000_000 });
            await db.SaveChangesAsync();
        }
        var allPanel = await app.UserAsync("allpanel");
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
            db.PanelPermissions.AddRange(PanelPermissions.All.Select(p => new PanelPermission { SubjectType = "user", SubjectId = allPanel.Id.ToString("D"), Permission = p, GrantedBy = "test" }));
            await db.SaveChangesAsync();
        }

        var failures = new List<string>();
        foreach (var rule in PanelPermissionMatrix.Rules)
        {
            foreach (var caller in Enum.GetValues<PanelCallerKind>())
            {
                var world = await PanelWorld.CreateAsync(app, community);
                errors.Exceptions.Clear();
                HttpResponseMessage response;
                if (rule.Need == PanelRule.External)
                {
                    var body = rule.Body!(world)!;
                    response = caller switch
                    {
                        PanelCallerKind.Anonymous => await app.CreateTicketAsync(null, body),
                        PanelCallerKind.Outsider => await app.CreateTicketAsync(null, body, outsider.Token),
                        PanelCallerKind.HoldsTheOthers => await app.CreateTicketAsync(null, body, allPanel.Token),
                        _ => await app.CreateTicketAsync(world.ApiKeySecret, body),
                    };
                }
                else
                {
                    var token = caller switch
                    {
                        PanelCallerKind.Anonymous => null,
                        PanelCallerKind.Outsider => outsider.Token,
                        PanelCallerKind.HoldsTheOthers => rule.Need is PanelRule.Super or PanelRule.Any ? allPanel.Token : others[rule.Need].Token,
                        _ => rule.Need switch { PanelRule.Super => root.Token, PanelRule.Any => outsider.Token, _ => holders[rule.Need].Token },
                    };
                    response = await app.SendAsync(rule.Method, rule.Path(world), token, rule.Body?.Invoke(world));
                }
                using (response)
                {
                    var status = (int)response.StatusCode;
                    var expected = rule.Expected(caller);
                    var ok = expected == 2
                        ? status is >= 200 and < 300
                        : status == expected;
                    if (!ok)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        failures.Add($"{rule.Endpoint} as {caller}: {status} {body[..Math.Min(200, body.Length)]} (expected {(expected == 2 ? "2xx" : expected)})");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// A moderator of the staff community: staff of every ticket at the desk, so what the panel lets them do is decided
    /// by their panel permissions alone (the engine also refuses people who are not the ticket's staff).
    /// </summary>
    private static async Task<ChatUser> StaffAsync(TestApp app, Guid community, ChatUser owner, string name)
    {
        var user = await app.UserAsync(name);
        await app.JoinAsync(community, owner, user);
        await app.SetRoleAsync(community, owner, user, "moderator");
        return user;
    }

    private static HashSet<string> ModmailEndpoints(IServiceProvider services)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in services.GetServices<EndpointDataSource>())
        {
            foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
            {
                var raw = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
                if (!raw.StartsWith("/api/modmail", StringComparison.Ordinal))
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
