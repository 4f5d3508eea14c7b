using System.Security.Cryptography;
using System.Text;

namespace Parley.Core.Security;

/// <summary>
/// Random bearer secrets (refresh tokens, API keys, backup codes) are long enough that a plain
/// SHA-256 is the right way to store them: they cannot be guessed, only stolen.
/// </summary>
public static class SecretHashing
{
    public static byte[] Sha256(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static string Sha256Hex(string secret) => Convert.ToHexStringLower(Sha256(secret));

    /// <summary>A new secret of <paramref name="bytes"/> random bytes, base64url without padding.</summary>
    public static string NewBase64UrlSecret(int bytes = 32) =>
        System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public static bool HexEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
