using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Security;

namespace Parley.Modmail.ApiKeys;

/// <summary>
/// Authenticates <c>X-API-Key: mm_…</c> (Rustmail's header) for the external API. The principal is
/// <c>mmkey:&lt;id&gt;</c> with the key's desk and one Core <c>perm</c> claim per key permission
/// (<see cref="ApiKeyPermissions"/>). A request without the header is not this scheme's business (no result); a bad key fails.
/// </summary>
internal sealed class ModmailApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ModmailApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ModmailApiKey";
    public const string HeaderName = "X-API-Key";
    public const string SubjectPrefix = "mmkey:";
    public const string DeskClaim = "mm_desk";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return AuthenticateResult.NoResult();
        }
        var key = await keys.AuthenticateAsync(presented.Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        }
        var claims = new List<Claim> { new(ParleyClaims.Subject, SubjectPrefix + key.Id.ToString(CultureInfo.InvariantCulture)) };
        if (key.DeskId is { } desk)
        {
            claims.Add(new Claim(DeskClaim, desk.ToString("D")));
        }
        foreach (var permission in ModmailApiKeys.PermissionsOf(key))
        {
            if (ApiKeyPermissions.ToCorePermission.TryGetValue(permission, out var core))
            {
                claims.Add(new Claim(ParleyClaims.Permission, core));
            }
        }
        var identity = new ClaimsIdentity(claims, SchemeName, ParleyClaims.Subject, ParleyClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
