using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Blocks;

/// <summary>One user blocking another (<c>user_blocks</c>).</summary>
internal sealed class UserBlock
{
    public Guid BlockerId { get; set; }
    public Guid BlockedId { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var block = modelBuilder.Entity<UserBlock>();
        block.ToTable("user_blocks");
        block.HasKey(b => new { b.BlockerId, b.BlockedId });
        // "Who blocked me" is asked too (before a DM opens).
        block.HasIndex(b => b.BlockedId);
    }
}
