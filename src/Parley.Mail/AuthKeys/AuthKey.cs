using Microsoft.EntityFrameworkCore;

namespace Parley.Mail.AuthKeys;

/// <summary>
/// A public key an organization signs its API JWTs with (<c>auth_keys</c>): ES256, ES384, or RS256 of at
/// least 2048 bits. A revoked key stops working at once.
/// </summary>
internal sealed class AuthKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string OrganizationId { get; set; }
    public required string Name { get; set; }
    public required string PublicKeyPem { get; set; }
    public required string Algorithm { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var key = modelBuilder.Entity<AuthKey>();
        key.ToTable("auth_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.OrganizationId).HasMaxLength(200);
        key.Property(k => k.Algorithm).HasMaxLength(8);
        key.HasIndex(k => new { k.OrganizationId, k.Algorithm });
    }
}
