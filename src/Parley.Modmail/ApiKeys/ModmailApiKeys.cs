using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Security;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;

namespace Parley.Modmail.ApiKeys;

/// <summary>
/// Modmail's API keys: <c>mm_</c> and 43 base64url characters (32 random bytes), shown once; the row keeps the SHA-256
/// hex. A key is good while active and unexpired; each good use stamps <c>last_used_at</c>, at most once per
/// <c>Modmail:Panel:ApiKeyUsageResolutionSeconds</c>.
/// </summary>
internal sealed class ModmailApiKeys(ModmailDbContext db, IOptionsMonitor<PanelOptions> options, TimeProvider clock)
{
    public const string Prefix = "mm_";
    public const int MaxPresentedLength = 128;

    public static string NewSecret() => Prefix + SecretHashing.NewBase64UrlSecret(32);

    /// <summary>The live key <paramref name="presented"/> names, or null (unknown, revoked, expired, malformed).</summary>
    public async Task<ModmailApiKey?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > MaxPresentedLength)
        {
            return null;
        }
        var hash = SecretHashing.Sha256Hex(presented);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        // The lookup is by hash; the compare is constant-time all the same, so no path depends on how much of a secret matched.
        if (key is null || !SecretHashing.HexEquals(key.KeyHash, hash))
        {
            return null;
        }
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (!key.IsActive || (key.ExpiresAt is { } expires && expires <= now))
        {
            return null;
        }
        var stale = now - options.CurrentValue.ApiKeyUsageResolutionSeconds;
        if (key.LastUsedAt is null || key.LastUsedAt <= stale)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= stale))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }
        return key;
    }

    public static IReadOnlyList<string> PermissionsOf(ModmailApiKey key)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(key.Permissions) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
