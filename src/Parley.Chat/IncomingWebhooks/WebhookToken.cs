using System.Security.Cryptography;
using System.Text;

namespace Parley.Chat.IncomingWebhooks;

/// <summary>
/// An incoming webhook's secret: 32 random bytes as base64url, shown once. Only its SHA-256 (lower hex)
/// is stored in <c>webhooks.token</c>, and a request is matched by hashing what it presents.
/// </summary>
internal static class WebhookToken
{
    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
