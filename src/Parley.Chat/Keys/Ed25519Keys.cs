using System.Security.Cryptography;
using NSec.Cryptography;

namespace Parley.Chat.Keys;

/// <summary>The server's only cryptography on the key directory: it checks public keys and signatures, it never holds a private key.</summary>
internal static class Ed25519Keys
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    public static bool IsPublicKey(byte[] key) =>
        key.Length == UserIdentityKey.KeyLength && PublicKey.TryImport(Ed25519, key, KeyBlobFormat.RawPublicKey, out _);

    /// <summary>True when <paramref name="signature"/> is <paramref name="identityKey"/>'s Ed25519 signature over <paramref name="data"/>.</summary>
    public static bool Verify(byte[] identityKey, byte[] data, byte[] signature) =>
        PublicKey.TryImport(Ed25519, identityKey, KeyBlobFormat.RawPublicKey, out var key)
        && key is not null && Ed25519.Verify(key, data, signature);

    /// <summary>SHA-256 of the public key in lower-case hex: what people compare to verify each other.</summary>
    public static string Fingerprint(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key));
}
