using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Messages;

/// <summary>A message pinned in its channel (<c>pinned_messages</c>); a message is pinned at most once.</summary>
public sealed class PinnedMessage
{
    public Guid MessageId { get; set; }

    public Guid ChannelId { get; set; }

    public Guid PinnedBy { get; set; }
    public DateTime PinnedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var pin = modelBuilder.Entity<PinnedMessage>();
        pin.ToTable("pinned_messages");
        pin.HasOne<Channels.Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        pin.HasKey(p => p.MessageId);
        pin.HasOne<Message>().WithOne().HasForeignKey<PinnedMessage>(p => p.MessageId).OnDelete(DeleteBehavior.Cascade);
        pin.HasIndex(p => new { p.ChannelId, p.PinnedAt }).IsDescending(false, true);
    }
}
