using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Parley.Core.Accounts;

/// <summary>
/// Argon2id password hashes as PHC strings (<c>$argon2id$v=19$m=65536,t=3,p=4$salt$hash</c>).
/// Verification reads the cost from the stored string, so raising the defaults never locks
/// anyone out.
/// </summary>
public sealed class PasswordHasher(IOptionsMonitor<AuthOptions> options)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Prefix = "$argon2id$v=19$";

    private readonly Lazy<Task<string>> _decoy = new(() => HashCoreAsync("decoy password for unknown users", options.CurrentValue.Argon2));

    public Task<string> HashAsync(string password) => HashCoreAsync(password, options.CurrentValue.Argon2);

    public async Task<bool> VerifyAsync(string password, string phc)
    {
        // Argon2 refuses an empty input, and no account has an empty password.
        if (string.IsNullOrEmpty(password) || !TryParse(phc, out var cost, out var salt, out var expected))
        {
            return false;
        }
        var actual = await DeriveAsync(password, salt, cost, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends one hash on a password that matches nothing, so unknown usernames answer as slowly as known ones.</summary>
    public async Task VerifyDecoyAsync(string password) => await VerifyAsync(password, await _decoy.Value);

    internal static async Task<string> HashCoreAsync(string password, Argon2Options cost)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = await DeriveAsync(password, salt, cost, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={cost.MemoryKiB},t={cost.Iterations},p={cost.Lanes}${ToB64(salt)}${ToB64(hash)}");
    }

    internal static bool TryParse(string phc, out Argon2Options cost, out byte[] salt, out byte[] hash)
    {
        cost = new Argon2Options();
        salt = hash = [];
        var parts = phc.Split('$');
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.Length != 6 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }
        foreach (var pair in parts[3].Split(','))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq < 1 || !int.TryParse(pair.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return false;
            }
            switch (pair[..eq])
            {
                case "m": cost.MemoryKiB = value; break;
                case "t": cost.Iterations = value; break;
                case "p": cost.Lanes = value; break;
                default: return false;
            }
        }
        try
        {
            salt = FromB64(parts[4]);
            hash = FromB64(parts[5]);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length >= 8 && hash.Length >= 16;
    }

    private static async Task<byte[]> DeriveAsync(string password, byte[] salt, Argon2Options cost, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = cost.MemoryKiB,
            Iterations = cost.Iterations,
            DegreeOfParallelism = cost.Lanes,
        };
        return await argon.GetBytesAsync(length);
    }

    // PHC uses standard base64 without padding.
    private static string ToB64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] FromB64(string text) => Convert.FromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '='));
}
