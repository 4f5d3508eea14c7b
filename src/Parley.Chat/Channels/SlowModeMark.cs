using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Channels;

/// <summary>When a user last sent in a slow-mode channel (<c>channel_slowmode_tracker</c>).</summary>
internal sealed class SlowModeMark
{
    public Guid ChannelId { get; set; }
    public Guid UserId { get; set; }
    public DateTime LastSent { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var mark = modelBuilder.Entity<SlowModeMark>();
        mark.ToTable("channel_slowmode_tracker");
        mark.HasKey(m => new { m.ChannelId, m.UserId });
        mark.HasOne<Channel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}
