using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Security;

namespace Parley.Core.ApiKeys;

/// <summary>Authenticates <c>Authorization: Bearer pk_…</c>: the principal is <c>apikey:&lt;id&gt;</c> with one <c>perm</c> claim per permission.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ParleyAuthentication.BearerToken(Request) is not { } presented || !presented.StartsWith(ApiKeyService.KeyPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }
        var key = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        }
        var claims = new List<Claim> { new(ParleyClaims.Subject, ParleyClaims.ApiKeySubjectPrefix + key.Id.ToString(CultureInfo.InvariantCulture)) };
        claims.AddRange(ApiKeyService.PermissionsOf(key).Select(p => new Claim(ParleyClaims.Permission, p)));
        var identity = new ClaimsIdentity(claims, SchemeName, ParleyClaims.Subject, ParleyClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
