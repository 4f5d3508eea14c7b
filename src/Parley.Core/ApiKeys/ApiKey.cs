using Microsoft.EntityFrameworkCore;

namespace Parley.Core.ApiKeys;

/// <summary>An API key (<c>api_keys</c>, Rustmail's columns): the key itself is never stored, only its SHA-256.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole <c>pk_…</c> key.</summary>
    public required string KeyHash { get; set; }
    public required string Name { get; set; }

    /// <summary>JSON array of permission names (see <see cref="Security.Permissions"/>).</summary>
    public string Permissions { get; set; } = "[]";
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>The first characters of the key, to tell keys apart in lists.</summary>
    public string Prefix { get; set; } = "";
    public Guid? CreatedBy { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var key = modelBuilder.Entity<ApiKey>();
        key.ToTable("api_keys");
        key.HasKey(k => k.Id);
        key.HasIndex(k => k.KeyHash).IsUnique().HasDatabaseName("idx_api_keys_hash");
        key.HasIndex(k => k.IsActive).HasDatabaseName("idx_api_keys_active");
        key.Property(k => k.Name).HasMaxLength(128);
        key.Property(k => k.Prefix).HasMaxLength(16);
    }
}
