using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;

namespace Parley.Chat.DirectMessages;

/// <summary>
/// The one DM channel of two users (<c>dm_pairs</c>). The lower id is always <see cref="UserA"/>,
/// so a pair has one row whichever of the two asks; build rows with <see cref="For"/>.
/// </summary>
internal sealed class DmPair
{
    public Guid UserA { get; set; }
    public Guid UserB { get; set; }
    public Guid ChannelId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Orders the two ids. Guid ordering matches the text order SQLite stores and the byte order PostgreSQL compares.</summary>
    public static (Guid Lower, Guid Higher) Order(Guid one, Guid other) =>
        one.CompareTo(other) < 0 ? (one, other) : (other, one);

    public static DmPair For(Guid one, Guid other, Guid channelId, DateTime createdAt)
    {
        var (lower, higher) = Order(one, other);
        return new DmPair { UserA = lower, UserB = higher, ChannelId = channelId, CreatedAt = createdAt };
    }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var pair = modelBuilder.Entity<DmPair>();
        pair.ToTable("dm_pairs", t => t.HasCheckConstraint("ck_dm_pairs_user_a_lower", "user_a < user_b"));
        pair.HasKey(p => new { p.UserA, p.UserB });
        pair.HasIndex(p => p.ChannelId).IsUnique();
        pair.HasIndex(p => p.UserB);
        pair.HasOne<Channel>().WithMany().HasForeignKey(p => p.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}
