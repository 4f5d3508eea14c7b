using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Blocks;

/// <summary>
/// A member who cannot open tickets or write in one (<c>blocked_users</c>): their messages are refused with a notice
/// and nothing is relayed. The seed's key is the user id alone, so a block holds for every desk on this server.
/// </summary>
internal sealed class BlockedUser
{
    /// <summary>The member in the transport's terms (a Chat user id, a lower-case email address).</summary>
    public required string UserId { get; set; }
    public required string UserName { get; set; }

    /// <summary>The staff user id that blocked.</summary>
    public required string BlockedBy { get; set; }
    public DateTime BlockedAt { get; set; }

    /// <summary>When the block ends by itself; null: until unblocked.</summary>
    public DateTime? ExpiresAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var b = modelBuilder.Entity<BlockedUser>();
        b.ToTable("blocked_users");
        b.HasKey(x => x.UserId);
        b.Property(x => x.UserId).HasMaxLength(320);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.BlockedBy).HasMaxLength(64);
    }
}
