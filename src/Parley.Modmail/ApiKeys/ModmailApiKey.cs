using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.ApiKeys;

/// <summary>
/// A key for Modmail's external API (<c>api_keys</c>, sent as <c>X-API-Key</c>): shown once, stored as the SHA-256 (hex)
/// of the key. Revoking sets <see cref="IsActive"/> false and keeps the row; deleting removes it. Times are Unix seconds.
/// </summary>
internal sealed class ModmailApiKey
{
    public long Id { get; set; }
    public required string KeyHash { get; set; }
    public required string Name { get; set; }

    /// <summary>A JSON array of permission names, e.g. <c>["tickets.create"]</c>.</summary>
    public required string Permissions { get; set; }
    public long CreatedAt { get; set; }
    public long? ExpiresAt { get; set; }
    public long? LastUsedAt { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Parley's: the desk the key acts for.</summary>
    public Guid? DeskId { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var k = modelBuilder.Entity<ModmailApiKey>();
        k.ToTable("api_keys");
        k.HasKey(x => x.Id);
        k.Property(x => x.KeyHash).HasMaxLength(64);
        k.Property(x => x.Name).HasMaxLength(128);
        k.HasIndex(x => x.KeyHash).IsUnique().HasDatabaseName("idx_api_keys_hash");
        k.HasIndex(x => x.IsActive).HasDatabaseName("idx_api_keys_active");
    }
}
