using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Parley.Mail.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Mail.Tests.AuthKeys;

/// <summary>An organization's key pair, registered through the API, and the tokens it signs.</summary>
internal sealed class OrganizationKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private OrganizationKey(AsymmetricAlgorithm key, string algorithm, string organization)
    {
        _key = key;
        Algorithm = algorithm;
        Organization = organization;
    }

    public string Algorithm { get; }
    public string Organization { get; }
    public Guid Id { get; private set; }

    public static OrganizationKey Create(string algorithm = "ES256", string organization = "org-1", int rsaBits = 2048) => new(algorithm switch
    {
        "ES256" => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        "ES384" => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        _ => RSA.Create(rsaBits),
    }, algorithm, organization);

    public string PublicPem => _key.ExportSubjectPublicKeyInfoPem();

    public async Task<OrganizationKey> RegisterAsync(TestApp app, string adminToken)
    {
        var json = await app.SendAsync(HttpMethod.Post, "/api/mail/auth-keys", adminToken,
            new { organization_id = Organization, name = "ci", public_key_pem = PublicPem, algorithm = Algorithm }).OkJsonAsync(HttpStatusCode.Created);
        Id = json.GetProperty("id").GetGuid();
        return this;
    }

    /// <summary>A token with <paramref name="scopes"/> (space-separated), optionally bound to <paramref name="inboxes"/>.</summary>
    public string Token(string scopes, Guid[]? inboxes = null, TimeSpan? lifetime = null, bool withKid = true, string? issuer = null,
        bool withExp = true, bool scopesAsArray = false)
    {
        SecurityKey key = _key is RSA rsa ? new RsaSecurityKey(rsa) : new ECDsaSecurityKey((ECDsa)_key);
        if (withKid)
        {
            key.KeyId = Id.ToString();
        }
        var claims = new Dictionary<string, object>();
        if (scopes.Length > 0)
        {
            claims["scopes"] = scopesAsArray ? scopes.Split(' ') : scopes;
        }
        if (inboxes is not null)
        {
            claims["inboxes"] = inboxes.Select(i => i.ToString()).ToArray();
        }
        var now = TimeProvider.System.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Organization,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddMinutes(-1),
            Expires = withExp ? now.UtcDateTime + (lifetime ?? TimeSpan.FromMinutes(10)) : null,
            SigningCredentials = new SigningCredentials(key, Algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose() => _key.Dispose();
}
