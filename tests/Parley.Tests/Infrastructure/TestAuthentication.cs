using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A stand-in caller for endpoint tests written before real sign-in exists on this branch: the
/// <c>X-Test-Permissions</c> header names the caller's <c>perm</c> claims. Swap for a signed-in
/// admin once the security work is merged.
/// </summary>
public sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-Permissions";
    public static readonly Guid UserId = Guid.Parse("0190a000-0000-7000-8000-000000000001");

    public static void Install(WebApplicationBuilder builder) =>
        builder.Services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthentication>(SchemeName, null);

    /// <summary>A client of <paramref name="app"/> acting with exactly <paramref name="permissions"/>.</summary>
    public static HttpClient ClientWith(TestApp app, params string[] permissions)
    {
        var client = app.Server.CreateClient();
        client.DefaultRequestHeaders.Add(Header, string.Join(',', permissions));
        return client;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var claims = new List<Claim> { new("sub", UserId.ToString()) };
        claims.AddRange(header.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => new Claim("perm", p)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
