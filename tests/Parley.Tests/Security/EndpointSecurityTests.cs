using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Security;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

/// <summary>
/// Walks every <c>/api</c> endpoint the application maps, including ones added by modules
/// written later, and checks nobody forgot to protect one.
/// </summary>
public sealed class EndpointSecurityTests
{
    private static readonly string[] KnownAnonymous =
    [
        "POST /api/auth/login",
        "POST /api/auth/login/totp",
        "POST /api/auth/refresh",
        // An incoming webhook's token is its credential (rate limited per webhook).
        "POST /api/chat/webhooks/{token}",
        // Mailpilot's dashboard users sign in with their own credentials; setup answers only while none exists
        // (both rate limited like Core's sign-in).
        "GET /api/triage/dashboard/setup",
        "POST /api/triage/dashboard/setup",
        "POST /api/triage/dashboard/sign-in",
    ];

    [Theory, BothProviders]
    public async Task Every_api_endpoint_answers_401_without_credentials_and_403_with_insufficient_ones(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.SignInAsync();
        var (_, powerless) = await app.CreateApiKeyAsync(owner.AccessToken, []);

        var endpoints = ApiEndpoints(app.Services);
        Assert.NotEmpty(endpoints);
        var anonymous = endpoints.Where(e => e.Anonymous).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(KnownAnonymous.Order(StringComparer.Ordinal), anonymous);

        var failures = new List<string>();
        foreach (var endpoint in endpoints.Where(e => !e.Anonymous))
        {
            if (endpoint.Permission is null)
            {
                failures.Add($"{endpoint.Name}: no RequirePermission(...)");
                continue;
            }
            using var without = await app.SendAsync(endpoint.Method, endpoint.Path);
            if (without.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{endpoint.Name} without credentials: {(int)without.StatusCode}, expected 401");
            }
            using var insufficient = await app.SendAsync(endpoint.Method, endpoint.Path, powerless);
            if (insufficient.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{endpoint.Name} with a key lacking '{endpoint.Permission}': {(int)insufficient.StatusCode}, expected 403");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task The_security_endpoints_require_the_permissions_of_the_contract()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var map = ApiEndpoints(app.Services).Where(e => !e.Anonymous).ToDictionary(e => e.Name, e => e.Permission, StringComparer.Ordinal);

        Assert.Equal(Permissions.Account, map["POST /api/auth/logout"]);
        Assert.Equal(Permissions.Account, map["GET /api/account"]);
        Assert.Equal(Permissions.Account, map["DELETE /api/account/sessions/{id:guid}"]);
        Assert.Equal(Permissions.UsersRead, map["GET /api/admin/users"]);
        Assert.Equal(Permissions.UsersWrite, map["PUT /api/admin/users/{id:guid}/role"]);
        Assert.Equal(Permissions.ApiKeysRead, map["GET /api/admin/permissions"]);
        Assert.Equal(Permissions.ApiKeysWrite, map["DELETE /api/admin/api-keys/{id:long}"]);
        Assert.Equal(Permissions.AuditRead, map["GET /api/admin/audit"]);
    }

    private static List<ApiEndpoint> ApiEndpoints(IServiceProvider services)
    {
        var found = new List<ApiEndpoint>();
        foreach (var source in services.GetServices<EndpointDataSource>())
        {
            foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
            {
                var pattern = endpoint.RoutePattern;
                var raw = "/" + (pattern.RawText ?? "").Trim('/');
                if (!raw.StartsWith("/api/", StringComparison.Ordinal) && raw != "/api")
                {
                    continue;
                }
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var permission = endpoint.Metadata.GetMetadata<RequiredPermission>()?.Permission;
                foreach (var method in methods)
                {
                    found.Add(new ApiEndpoint(new HttpMethod(method), raw, Fill(pattern), anonymous, permission));
                }
            }
        }
        return found.DistinctBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>A concrete path for the pattern: numbers where the route wants numbers, a GUID elsewhere.</summary>
    private static string Fill(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => DummyValue(parameter),
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    private static string DummyValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        return constraints.Any(c => c is "int" or "long" || c.StartsWith("min", StringComparison.Ordinal) || c.StartsWith("range", StringComparison.Ordinal))
            ? "1"
            : Guid.CreateVersion7().ToString("D", CultureInfo.InvariantCulture);
    }

    private sealed record ApiEndpoint(HttpMethod Method, string Pattern, string Path, bool Anonymous, string? Permission)
    {
        public string Name => $"{Method.Method} {Pattern}";
    }
}
