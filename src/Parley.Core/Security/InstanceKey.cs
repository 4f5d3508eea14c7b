using Microsoft.EntityFrameworkCore;

namespace Parley.Core.Security;

/// <summary>
/// A server-side secret created on first start and shared by every node through the database
/// (<c>instance_keys</c>): the JWT signing key and the key that encrypts TOTP and webhook secrets.
/// </summary>
public sealed class InstanceKey
{
    public required string Name { get; set; }
    public required byte[] Value { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var key = modelBuilder.Entity<InstanceKey>();
        key.ToTable("instance_keys");
        key.HasKey(k => k.Name);
        key.Property(k => k.Name).HasMaxLength(64);
    }
}
