using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.ScheduledMessages;

/// <summary>A message waiting to be posted (<c>scheduled_messages</c>); content is sealed by the client, as text (base64).</summary>
public sealed class ScheduledMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ChannelId { get; set; }

    public Guid UserId { get; set; }
    public required string Ciphertext { get; set; }
    public required string Nonce { get; set; }
    public DateTime ScheduledFor { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var scheduled = modelBuilder.Entity<ScheduledMessage>();
        scheduled.ToTable("scheduled_messages");
        scheduled.HasOne<Channels.Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        scheduled.HasKey(s => s.Id);
        scheduled.HasIndex(s => s.ScheduledFor);
        scheduled.HasIndex(s => new { s.UserId, s.ScheduledFor });
        scheduled.HasIndex(s => s.ChannelId);
    }
}
