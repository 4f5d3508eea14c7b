using System.Security.Cryptography;
using System.Text.Json;
using OtpNet;
using Parley.Core.Security;

namespace Parley.Core.Accounts;

/// <summary>
/// The pure part of TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps, one step of drift either way)
/// and of backup codes, kept apart from storage so the window and formats are unit-tested.
/// </summary>
public static class TotpCodes
{
    public const int SecretBytes = 20;
    public const int BackupCodeCount = 8;
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(SecretBytes);

    public static string ToBase32(byte[] secret) => Base32Encoding.ToString(secret);

    public static string OtpauthUri(byte[] secret, string username, string issuer) =>
        new OtpUri(OtpType.Totp, secret, username, issuer).ToString();

    /// <summary>
    /// The time step <paramref name="code"/> belongs to, if it is valid at <paramref name="now"/>
    /// and later than <paramref name="lastAcceptedStep"/> (a code is never accepted twice).
    /// </summary>
    public static long? MatchStep(byte[] secret, string code, DateTimeOffset now, long? lastAcceptedStep)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return null;
        }
        var totp = new Totp(secret);
        if (!totp.VerifyTotp(now.UtcDateTime, code, out var step, Window))
        {
            return null;
        }
        return lastAcceptedStep is { } last && step <= last ? null : step;
    }

    /// <summary>The code for <paramref name="now"/>; for tests and tools.</summary>
    public static string Compute(byte[] secret, DateTimeOffset now) => new Totp(secret).ComputeTotp(now.UtcDateTime);

    public static bool LooksLikeTotp(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    /// <summary>Eight codes like <c>k3fq-7zxm</c>: 40 random bits each, base32 so they read aloud cleanly.</summary>
    public static IReadOnlyList<string> NewBackupCodes()
    {
        var codes = new List<string>(BackupCodeCount);
        for (var i = 0; i < BackupCodeCount; i++)
        {
            var text = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant();
            codes.Add(text[..4] + "-" + text[4..8]);
        }
        return codes;
    }

    /// <summary>The stored form: a JSON array of SHA-256 hex of each normalized code.</summary>
    public static string HashBackupCodes(IEnumerable<string> codes) =>
        JsonSerializer.Serialize(codes.Select(c => SecretHashing.Sha256Hex(NormalizeBackupCode(c))).ToList());

    /// <summary>
    /// Removes <paramref name="code"/> from <paramref name="storedHashes"/>; returns the remaining
    /// list as stored JSON, or null when the code is not one of them.
    /// </summary>
    public static string? ConsumeBackupCode(string? storedHashes, string code)
    {
        if (string.IsNullOrEmpty(storedHashes))
        {
            return null;
        }
        var hashes = JsonSerializer.Deserialize<List<string>>(storedHashes) ?? [];
        var candidate = SecretHashing.Sha256Hex(NormalizeBackupCode(code));
        var match = -1;
        for (var i = 0; i < hashes.Count; i++)
        {
            // Compare with every entry, in constant time each, so timing says nothing about which matched.
            if (hashes[i].Length == candidate.Length && SecretHashing.HexEquals(hashes[i], candidate))
            {
                match = i;
            }
        }
        if (match < 0)
        {
            return null;
        }
        hashes.RemoveAt(match);
        return JsonSerializer.Serialize(hashes);
    }

    internal static string NormalizeBackupCode(string code) =>
        new(code.Where(c => c is not ('-' or ' ')).Select(char.ToLowerInvariant).ToArray());
}
