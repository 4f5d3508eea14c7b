using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Parley.Core.Security;

namespace Parley.Core.Accounts;

/// <summary>
/// Signs and checks Parley's JWTs with the instance's HMAC key: access tokens (audience
/// <c>parley</c>) and the five-minute token that carries a user from the password step to the
/// TOTP step (audience <c>parley-mfa</c>, so it can never pass as an access token).
/// </summary>
public sealed class AccessTokens(InstanceKeyring keyring, TimeProvider clock, IOptionsMonitor<AuthOptions> options)
{
    public const string Issuer = "parley";
    public const string AccessAudience = "parley";
    public const string MfaAudience = "parley-mfa";
    public const string MfaPurpose = "mfa";
    private static readonly TimeSpan MfaLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(options.CurrentValue.AccessTokenMinutes);

    public string IssueAccessToken(User user, Guid sessionId) => Sign(AccessAudience, AccessTokenLifetime, new Dictionary<string, object>
    {
        [ParleyClaims.Subject] = user.Id.ToString(),
        [ParleyClaims.SessionId] = sessionId.ToString(),
        [ParleyClaims.Role] = user.Role,
    });

    public string IssueMfaToken(Guid userId) => Sign(MfaAudience, MfaLifetime, new Dictionary<string, object>
    {
        [ParleyClaims.Subject] = userId.ToString(),
        [ParleyClaims.Purpose] = MfaPurpose,
    });

    /// <summary>The user an MFA token names, or null when it is forged, expired or not an MFA token.</summary>
    public async Task<Guid?> ReadMfaTokenAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, ValidationParameters(MfaAudience));
        if (!result.IsValid
            || !result.Claims.TryGetValue(ParleyClaims.Purpose, out var purpose) || purpose as string != MfaPurpose
            || !result.Claims.TryGetValue(ParleyClaims.Subject, out var subject) || !Guid.TryParse(subject as string, out var userId))
        {
            return null;
        }
        return userId;
    }

    /// <summary>How access tokens (and MFA tokens) are checked; the key is read lazily because it lives in the database.</summary>
    public TokenValidationParameters ValidationParameters(string audience) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = audience,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        IssuerSigningKeyResolver = (_, _, _, _) => [SigningKey()],
        RequireExpirationTime = true,
        // The lifetime check reads the injected clock, so tests can move time.
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } end && now < end + ClockSkew && (notBefore is not { } start || now >= start - ClockSkew);
        },
        NameClaimType = ParleyClaims.Subject,
        RoleClaimType = ParleyClaims.Role,
    };

    private string Sign(string audience, TimeSpan lifetime, Dictionary<string, object> claims)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey(), SecurityAlgorithms.HmacSha256),
        });
    }

    private SymmetricSecurityKey SigningKey() => new(keyring.GetKey(InstanceKeyring.JwtSigningKey));
}
