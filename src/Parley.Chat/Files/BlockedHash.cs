using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Files;

/// <summary>Content banned from upload (<c>blocked_hashes</c>), by the SHA-256 of its bytes.</summary>
public sealed class BlockedHash
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Hash { get; set; }
    public string? Reason { get; set; }
    public Guid BlockedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var blocked = modelBuilder.Entity<BlockedHash>();
        blocked.ToTable("blocked_hashes");
        blocked.HasKey(b => b.Id);
        blocked.Property(b => b.Hash).HasMaxLength(128);
        blocked.HasIndex(b => b.Hash).IsUnique();
    }
}
