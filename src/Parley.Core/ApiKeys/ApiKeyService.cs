using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Audit;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.ApiKeys;

/// <summary>
/// API keys: <c>pk_</c> and 32 random bytes, shown once; stored as their SHA-256 with the
/// permissions they carry. Used by the API, the CLI and the authentication handler.
/// </summary>
public sealed class ApiKeyService(CoreDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string KeyPrefix = "pk_";
    private const int PrefixLength = 8;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<(CreatedApiKey? Key, Refusal? Refusal)> CreateAsync(
        string? name, IReadOnlyList<string>? permissions, DateTime? expiresAt, Guid? createdBy, CancellationToken cancellationToken = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 128)
        {
            return (null, Refusal.Invalid("name", "must be 1–128 characters"));
        }
        permissions ??= [];
        var unknown = permissions.Where(p => !Permissions.IsKnown(p)).ToList();
        if (unknown.Count > 0)
        {
            return (null, Refusal.Invalid("permissions", "unknown permission(s): " + string.Join(", ", unknown) + "; known: " + string.Join(", ", Permissions.All)));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (expiresAt is { } expiry && expiry.ToUniversalTime() <= now)
        {
            return (null, Refusal.Invalid("expires_at", "must be in the future"));
        }

        var key = KeyPrefix + SecretHashing.NewBase64UrlSecret();
        var distinct = permissions.Distinct(StringComparer.Ordinal).ToList();
        var row = new ApiKey
        {
            KeyHash = SecretHashing.Sha256Hex(key),
            Name = name,
            Permissions = JsonSerializer.Serialize(distinct),
            CreatedAt = now,
            ExpiresAt = expiresAt?.ToUniversalTime(),
            Prefix = key.Substring(KeyPrefix.Length, PrefixLength),
            CreatedBy = createdBy,
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("apikey.created", new { api_key_id = row.Id, name, permissions = distinct }, cancellationToken: cancellationToken);
        return (new CreatedApiKey(row.Id, key, row.Name, row.Prefix, distinct, row.ExpiresAt), null);
    }

    public async Task<List<ApiKeyView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);
        return keys.Select(ApiKeyView.From).ToList();
    }

    /// <summary>Revokes key <paramref name="id"/>; false when there is no such key.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return false;
        }
        if (key.IsActive)
        {
            key.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("apikey.revoked", new { api_key_id = id, name = key.Name }, cancellationToken: cancellationToken);
        }
        return true;
    }

    /// <summary>The active, unexpired key <paramref name="presented"/> names, with its use recorded (at most once a minute).</summary>
    public async Task<ApiKey?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!presented.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        // Looked up by its hash: the index does the comparing, and the hash says nothing about the key.
        var hash = SecretHashing.Sha256Hex(presented);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (key is null || !key.IsActive || key.ExpiresAt <= now)
        {
            return null;
        }
        if (key.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }
        return key;
    }

    public static IReadOnlyList<string> PermissionsOf(ApiKey key) =>
        JsonSerializer.Deserialize<List<string>>(key.Permissions) ?? [];
}

/// <summary>A new key: the only time <see cref="Key"/> is ever shown.</summary>
public sealed record CreatedApiKey(long Id, string Key, string Name, string Prefix, IReadOnlyList<string> Permissions, DateTime? ExpiresAt);

public sealed record ApiKeyView(long Id, string Name, string Prefix, IReadOnlyList<string> Permissions, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, bool IsActive)
{
    public static ApiKeyView From(ApiKey key) =>
        new(key.Id, key.Name, key.Prefix, ApiKeyService.PermissionsOf(key), key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.IsActive);
}
