using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.ScheduledMessages;

/// <summary>A message waiting to be posted (<c>scheduled_messages</c>); content is sealed by the client, as text (base64).</summary>
public sealed class ScheduledMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    // FK to channels: added at merge
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
        scheduled.HasKey(s => s.Id);
        scheduled.HasIndex(s => s.ScheduledFor);
        scheduled.HasIndex(s => new { s.UserId, s.ScheduledFor });
        scheduled.HasIndex(s => s.ChannelId);
    }
}
