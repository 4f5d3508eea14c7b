using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Messages;

/// <summary>How far a user has read in a channel (<c>read_cursors</c>): one row per user and channel.</summary>
public sealed class ReadCursor
{
    public Guid UserId { get; set; }

    public Guid ChannelId { get; set; }

    public Guid? LastReadMessageId { get; set; }
    public DateTime LastReadAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var cursor = modelBuilder.Entity<ReadCursor>();
        cursor.ToTable("read_cursors");
        cursor.HasOne<Channels.Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        cursor.HasKey(c => new { c.UserId, c.ChannelId });
        // The cursor outlives a deleted message: last_read_at still says how far the user read.
        cursor.HasOne<Message>().WithMany().HasForeignKey(c => c.LastReadMessageId).OnDelete(DeleteBehavior.SetNull);
        cursor.HasIndex(c => c.ChannelId);
        cursor.HasIndex(c => c.LastReadMessageId);
    }
}
