using Microsoft.EntityFrameworkCore;

namespace Parley.Triage.OAuth;

/// <summary>
/// The newest refresh token a token endpoint returned for a configured OAuth2 grant (<c>oauth_refresh_tokens</c>,
/// Parley's own table), sealed with the instance keyring: Microsoft rotates refresh tokens on every refresh, and the
/// configured one ages out after its own lifetime, so a restart must go on with the newest.
/// </summary>
internal sealed class RotatedRefreshToken
{
    /// <summary>The SHA-256 (hex) of the configured grant — endpoint, client, scope and configured token —, never the token.</summary>
    public required string GrantKey { get; set; }

    public required string AccountName { get; set; }

    /// <summary>The refresh token, AES-256-GCM sealed by <c>InstanceKeyring</c> (purpose <c>triage-oauth-refresh-token</c>).</summary>
    public required byte[] Ciphertext { get; set; }

    /// <summary>Unix seconds.</summary>
    public long UpdatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var b = modelBuilder.Entity<RotatedRefreshToken>();
        b.ToTable("oauth_refresh_tokens");
        b.HasKey(x => x.GrantKey);
        b.Property(x => x.GrantKey).HasMaxLength(64);
        b.Property(x => x.AccountName).HasMaxLength(128);
    }
}
