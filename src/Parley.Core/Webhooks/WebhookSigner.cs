using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Core.Webhooks;

/// <summary>
/// Signs outgoing webhook bodies, and checks them the way a receiver should.
/// <para>
/// The <c>Parley-Signature</c> header is <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where the hex is
/// HMAC-SHA256 keyed with the UTF-8 bytes of the whole endpoint secret (<c>whsec_…</c>) over
/// <c>"&lt;t&gt;.&lt;raw body&gt;"</c>. A receiver recomputes it over the body exactly as received,
/// compares in constant time, and rejects a <c>t</c> outside its tolerance (replays).
/// </para>
/// </summary>
public static class WebhookSigner
{
    public const string SignatureHeader = "Parley-Signature";
    public const string EventHeader = "Parley-Event";
    public const string DeliveryHeader = "Parley-Delivery";
    public const string SecretPrefix = "whsec_";

    /// <summary>A new endpoint secret: <c>whsec_</c> and 32 random bytes, base64url.</summary>
    public static string NewSecret() => SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>Parley-Signature</c> value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, DateTimeOffset timestamp, string body)
    {
        var t = timestamp.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"t={t},v1={Convert.ToHexStringLower(Mac(secret, t, body))}");
    }

    /// <summary>True when <paramref name="header"/> carries a valid signature of <paramref name="body"/> made within <paramref name="tolerance"/> of now.</summary>
    public static bool Verify(string secret, string? header, string body, TimeSpan tolerance, TimeProvider? clock = null) =>
        Verify(secret, header, body, tolerance, (clock ?? TimeProvider.System).GetUtcNow());

    public static bool Verify(string secret, string? header, string body, TimeSpan tolerance, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }
        long? timestamp = null;
        var candidates = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (key == "v1" && value.Length == 64 && TryFromHex(value, out var mac))
            {
                // Several v1 values let a receiver accept both secrets while one is being rotated.
                candidates.Add(mac);
            }
        }
        if (timestamp is not { } signedAt || candidates.Count == 0)
        {
            return false;
        }
        if (Math.Abs(now.ToUnixTimeSeconds() - signedAt) > tolerance.TotalSeconds)
        {
            return false;
        }
        var expected = Mac(secret, signedAt, body);
        var match = false;
        foreach (var candidate in candidates)
        {
            match |= CryptographicOperations.FixedTimeEquals(expected, candidate);
        }
        return match;
    }

    private static byte[] Mac(string secret, long timestamp, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}.{body}")));

    private static bool TryFromHex(string hex, out byte[] bytes)
    {
        bytes = new byte[hex.Length / 2];
        return Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == bytes.Length;
    }
}
