using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Moderation;

/// <summary>A temporary mute of a user in a channel (<c>user_timeouts</c>), over at <see cref="ExpiresAt"/>.</summary>
public sealed class UserTimeout
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }

    public Guid ChannelId { get; set; }

    public Guid IssuedBy { get; set; }
    public string? Reason { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var timeout = modelBuilder.Entity<UserTimeout>();
        timeout.ToTable("user_timeouts");
        timeout.HasOne<Channels.Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        timeout.HasKey(t => t.Id);
        timeout.HasIndex(t => new { t.ChannelId, t.UserId, t.ExpiresAt });
        timeout.HasIndex(t => t.UserId);
    }
}
