using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Channels;

/// <summary>A user barred from one channel (<c>channel_bans</c>).</summary>
internal sealed class ChannelBan
{
    public Guid ChannelId { get; set; }
    public Guid UserId { get; set; }
    public Guid BannedBy { get; set; }
    public string? Reason { get; set; }
    public DateTime BannedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var ban = modelBuilder.Entity<ChannelBan>();
        ban.ToTable("channel_bans");
        ban.HasKey(b => new { b.ChannelId, b.UserId });
        ban.HasOne<Channel>().WithMany().HasForeignKey(b => b.ChannelId).OnDelete(DeleteBehavior.Cascade);
        ban.HasIndex(b => b.UserId);
    }
}
