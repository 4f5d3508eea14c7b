using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.RealTime;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Security;

/// <summary>
/// Every Chat endpoint and hub method, called by an outsider, a member, a moderator and an admin of a
/// community: allowed callers succeed, the others are refused with 403 (HTTP) or a refusal code (hub).
/// </summary>
public sealed class PermissionMatrixTests
{
    [Fact]
    public async Task Every_chat_endpoint_and_hub_method_has_a_rule()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var mapped = ChatEndpoints(app.Services);
        var ruled = PermissionMatrix.Endpoints.Select(r => r.Endpoint).ToHashSet(StringComparer.Ordinal);
        var unruled = mapped.Except(ruled).Order(StringComparer.Ordinal).ToList();
        Assert.True(unruled.Count == 0, "Endpoints without a rule in PermissionMatrix:" + Environment.NewLine + string.Join(Environment.NewLine, unruled));
        var stale = ruled.Except(mapped).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "Rules for endpoints that do not exist:" + Environment.NewLine + string.Join(Environment.NewLine, stale));

        var hubMethods = typeof(ChatHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
            .Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(hubMethods.Order(StringComparer.Ordinal), PermissionMatrix.HubMethods.Select(h => h.Method).Order(StringComparer.Ordinal));
    }

    [Theory, BothProviders]
    public async Task Each_endpoint_admits_exactly_the_roles_its_rule_names(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var cast = await Cast.CreateAsync(app);
        var failures = new List<string>();
        foreach (var rule in PermissionMatrix.Endpoints)
        {
            foreach (var who in PermissionMatrix.Everyone)
            {
                var world = await PermissionWorld.CreateAsync(app, cast);
                var caller = cast.For(who);
                if (rule.Arrange is not null)
                {
                    await rule.Arrange(app, world, caller);
                }
                using var response = rule.Send is not null
                    ? await rule.Send(app, world, caller)
                    : await app.SendAsync(rule.Method, rule.Path(world), caller.Token, rule.Body?.Invoke(world));
                var status = (int)response.StatusCode;
                var allowed = rule.Allowed.Contains(who);
                var ok = allowed
                    ? (rule.AnyAnswerButForbidden ? status is not (401 or 403) : status is >= 200 and < 300)
                    : rule.Denied.Contains(response.StatusCode);
                if (!ok)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    failures.Add($"{rule.Endpoint} as {who}: {status} {body[..Math.Min(200, body.Length)]} (expected {(allowed ? "success" : string.Join(" or ", rule.Denied.Select(d => (int)d)))})");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory, BothProviders]
    public async Task Each_hub_method_admits_exactly_the_roles_its_rule_names(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var cast = await Cast.CreateAsync(app);
        var failures = new List<string>();
        var hubs = new Dictionary<Who, HubClient>();
        try
        {
            foreach (var who in PermissionMatrix.Everyone)
            {
                hubs[who] = await HubClient.ConnectAsync(app, cast.For(who).Token);
            }
            await using var ownerHub = await HubClient.ConnectAsync(app, cast.Owner.Token);
            foreach (var rule in PermissionMatrix.HubMethods)
            {
                foreach (var who in PermissionMatrix.Everyone)
                {
                    var world = await PermissionWorld.CreateAsync(app, cast);
                    var allowed = rule.Allowed.Contains(who);
                    if (rule.Prepare is not null)
                    {
                        await rule.Prepare(ownerHub, hubs[who], world);
                    }
                    try
                    {
                        await hubs[who].Connection.InvokeCoreAsync(rule.Method, typeof(object), rule.Arguments(world));
                        if (!allowed)
                        {
                            failures.Add($"{rule.Method} as {who}: completed, expected a refusal");
                        }
                    }
                    catch (HubException refused)
                    {
                        if (allowed)
                        {
                            failures.Add($"{rule.Method} as {who}: refused ({refused.Message}), expected success");
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var hub in hubs.Values)
            {
                await hub.DisposeAsync();
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static HashSet<string> ChatEndpoints(IServiceProvider services)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in services.GetServices<EndpointDataSource>())
        {
            foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
            {
                var raw = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
                if (!raw.StartsWith("/api/chat/", StringComparison.Ordinal))
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
