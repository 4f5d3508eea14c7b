using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Parley.Core.Security;
using Parley.Mail.Api;
using Parley.Mail.Storage;

namespace Parley.Mail.AuthKeys;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;JWT&gt;</c> signed by an organization with one of its registered
/// auth keys. Parley's own tokens are HS256; these are ES256/ES384/RS256, which is how the bearer router
/// tells them apart (<see cref="Accepts"/>). The key is found by the header's <c>kid</c> (an auth key id) or,
/// without one, among the live keys of the organization in <c>iss</c> with the header's algorithm; it is read
/// from the database on every request, so a revoked key stops working at once. <c>iss</c> must be the key's
/// organization, <c>exp</c> is required and at most <c>Mail:Auth:MaxTokenLifetimeMinutes</c> ahead.
/// <c>scopes</c> (space-separated string or array) become Core permissions through <see cref="MailScopes"/>;
/// no scopes means no permissions. An <c>inboxes</c> claim binds the token to those inboxes (<see cref="MailCaller"/>).
/// </summary>
internal sealed class MailJwtAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MailDbContext db,
    IOptionsMonitor<MailAuthOptions> auth,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "MailJwt";
    public const string SubjectPrefix = "authkey:";
    public const string OrganizationClaim = "mail_org";
    private static readonly JsonWebTokenHandler Tokens = new();

    /// <summary>True for a compact JWT whose header names an auth-key algorithm.</summary>
    public static bool Accepts(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot > 2048)
        {
            return false;
        }
        try
        {
            var header = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            using var json = JsonDocument.Parse(header);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("alg", out var alg)
                && alg.ValueKind == JsonValueKind.String
                && AuthKeyAlgorithms.IsSupported(alg.GetString());
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ParleyAuthentication.BearerToken(Request) is not { } token || !Accepts(token))
        {
            return AuthenticateResult.NoResult();
        }
        JsonWebToken jwt;
        try
        {
            jwt = Tokens.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return AuthenticateResult.Fail("The token is not a JWT.");
        }
        var cancellationToken = Context.RequestAborted;
        var live = db.AuthKeys.AsNoTracking().Where(k => k.RevokedAt == null && k.Algorithm == jwt.Alg);
        List<AuthKey> candidates;
        if (!string.IsNullOrEmpty(jwt.Kid))
        {
            candidates = Guid.TryParse(jwt.Kid, CultureInfo.InvariantCulture, out var keyId)
                ? await live.Where(k => k.Id == keyId).ToListAsync(cancellationToken)
                : [];
        }
        else if (!string.IsNullOrEmpty(jwt.Issuer))
        {
            candidates = await live.Where(k => k.OrganizationId == jwt.Issuer).OrderBy(k => k.CreatedAt).Take(20).ToListAsync(cancellationToken);
        }
        else
        {
            return AuthenticateResult.Fail("The token names no key (kid) and no organization (iss).");
        }

        var limits = auth.CurrentValue;
        var skew = TimeSpan.FromSeconds(limits.ClockSkewSeconds);
        AuthKey? signer = null;
        foreach (var key in candidates)
        {
            var result = await Tokens.ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKey = AuthKeyAlgorithms.VerificationKey(key),
                ValidAlgorithms = [key.Algorithm],
                ValidIssuer = key.OrganizationId,
                ValidateIssuer = true,
                ValidateAudience = false,
                // Lifetime is checked below against Parley's clock, with the lifetime cap.
                ValidateLifetime = false,
                RequireSignedTokens = true,
                // One key per attempt; a token without a kid must still be checked against it.
                TryAllIssuerSigningKeys = true,
            });
            if (result.IsValid)
            {
                signer = key;
                break;
            }
        }
        if (signer is null)
        {
            return AuthenticateResult.Fail("No live auth key of the issuer verifies the token.");
        }

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedPayload));
        var claims = payload.RootElement;
        var now = clock.GetUtcNow();
        if (!claims.TryGetProperty("exp", out var expClaim) || !expClaim.TryGetInt64(out var exp))
        {
            return AuthenticateResult.Fail("The token has no exp.");
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(exp, 0, 253402300799));
        if (expires + skew < now)
        {
            return AuthenticateResult.Fail("The token has expired.");
        }
        if (expires > now + TimeSpan.FromMinutes(limits.MaxTokenLifetimeMinutes) + skew)
        {
            return AuthenticateResult.Fail($"The token's exp lies more than {limits.MaxTokenLifetimeMinutes} minutes ahead.");
        }
        if (claims.TryGetProperty("nbf", out var nbfClaim) && nbfClaim.TryGetInt64(out var nbf) && DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(nbf, 0, 253402300799)) > now + skew)
        {
            return AuthenticateResult.Fail("The token is not valid yet.");
        }

        var identityClaims = new List<Claim>
        {
            new(ParleyClaims.Subject, SubjectPrefix + signer.Id.ToString()),
            new(OrganizationClaim, signer.OrganizationId),
        };
        if (!TryReadStrings(claims, "scopes", splitString: true, out var scopes))
        {
            return AuthenticateResult.Fail("scopes must be a space-separated string or an array of strings.");
        }
        foreach (var scope in scopes.Distinct(StringComparer.Ordinal))
        {
            if (!MailScopes.ToPermission.TryGetValue(scope, out var permission))
            {
                return AuthenticateResult.Fail($"Unknown scope '{scope}'.");
            }
            identityClaims.Add(new Claim(ParleyClaims.Permission, permission));
        }
        if (claims.TryGetProperty("inboxes", out _))
        {
            if (!TryReadStrings(claims, "inboxes", splitString: false, out var inboxes) || inboxes.Count > 1000)
            {
                return AuthenticateResult.Fail("inboxes must be an array of inbox ids.");
            }
            identityClaims.Add(new Claim(MailCaller.BoundClaim, "true"));
            foreach (var inbox in inboxes)
            {
                if (!Guid.TryParse(inbox, CultureInfo.InvariantCulture, out var inboxId))
                {
                    return AuthenticateResult.Fail("inboxes must be an array of inbox ids.");
                }
                identityClaims.Add(new Claim(MailCaller.InboxClaim, inboxId.ToString()));
            }
        }
        var identity = new ClaimsIdentity(identityClaims, SchemeName, ParleyClaims.Subject, ParleyClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>A claim given as an array of strings, or (when <paramref name="splitString"/>) one space-separated string; absent is empty.</summary>
    private static bool TryReadStrings(JsonElement claims, string name, bool splitString, out List<string> values)
    {
        values = [];
        if (!claims.TryGetProperty(name, out var claim) || claim.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (claim.ValueKind == JsonValueKind.String && splitString)
        {
            values.AddRange(claim.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return true;
        }
        if (claim.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        foreach (var item in claim.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            values.Add(item.GetString()!);
        }
        return true;
    }
}
