using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Keys;

/// <summary>
/// A user's Signal sender-key distribution for one channel (<c>sender_key_distributions</c>),
/// the serialized message as JSON; one per (channel, user), replaced when the chain is rotated.
/// </summary>
internal sealed class SenderKeyDistribution
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ChannelId { get; set; }
    public Guid UserId { get; set; }
    public int ChainId { get; set; }
    public string Distribution { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var distribution = modelBuilder.Entity<SenderKeyDistribution>();
        distribution.ToTable("sender_key_distributions");
        distribution.HasOne<Channels.Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        distribution.HasKey(d => d.Id);
        distribution.HasIndex(d => new { d.ChannelId, d.UserId }).IsUnique();
        distribution.HasIndex(d => d.UserId);
    }
}
