using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Parley.Mail.AuthKeys;

/// <summary>
/// The algorithms an organization may sign with, and how a registered public key becomes a verification
/// key: ES256 on P-256, ES384 on P-384, RS256 with at least 2048 bits. Only public keys are accepted.
/// </summary>
internal static class AuthKeyAlgorithms
{
    public const string ES256 = "ES256";
    public const string ES384 = "ES384";
    public const string RS256 = "RS256";
    public const int MinRsaBits = 2048;

    public static readonly IReadOnlyList<string> All = [ES256, ES384, RS256];

    public static bool IsSupported(string? algorithm) => algorithm is ES256 or ES384 or RS256;

    /// <summary>The key in <paramref name="pem"/> as SubjectPublicKeyInfo PEM, or null with why it does not fit <paramref name="algorithm"/>.</summary>
    public static string? NormalizePublicKey(string algorithm, string pem, out string? error)
    {
        error = null;
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not ("PUBLIC KEY" or "RSA PUBLIC KEY"))
        {
            error = "public_key_pem must hold one PEM public key (-----BEGIN PUBLIC KEY-----)";
            return null;
        }
        try
        {
            if (algorithm == RS256)
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                if (rsa.KeySize < MinRsaBits)
                {
                    error = $"an RS256 key must have at least {MinRsaBits} bits; this one has {rsa.KeySize}";
                    return null;
                }
                return rsa.ExportSubjectPublicKeyInfoPem();
            }
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            var expected = algorithm == ES256 ? ECCurve.NamedCurves.nistP256.Oid.Value : ECCurve.NamedCurves.nistP384.Oid.Value;
            if (ecdsa.ExportParameters(false).Curve.Oid.Value != expected)
            {
                error = algorithm == ES256 ? "an ES256 key must be on curve P-256" : "an ES384 key must be on curve P-384";
                return null;
            }
            return ecdsa.ExportSubjectPublicKeyInfoPem();
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            error = $"public_key_pem is not a {(algorithm == RS256 ? "RSA" : "EC")} public key";
            return null;
        }
    }

    /// <summary>The verification key for a stored key's PEM.</summary>
    public static SecurityKey VerificationKey(AuthKey key)
    {
        if (key.Algorithm == RS256)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(key.PublicKeyPem);
            return new RsaSecurityKey(rsa) { KeyId = key.Id.ToString() };
        }
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.PublicKeyPem);
        return new ECDsaSecurityKey(ecdsa) { KeyId = key.Id.ToString() };
    }
}
