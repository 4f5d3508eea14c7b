using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.ScheduledMessages;

/// <summary>
/// A message waiting to be posted (<c>scheduled_messages</c>). The seed's columns carry a sealed
/// message for an encrypted channel (<c>ciphertext</c> + <c>nonce</c>, base64 text); Parley adds
/// <c>plaintext</c> for channels that are not end-to-end encrypted. Exactly one of the two forms is
/// set, as for <c>messages</c>, so ciphertext and nonce are nullable here (the seed does not require them).
/// </summary>
public sealed class ScheduledMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ChannelId { get; set; }

    public Guid UserId { get; set; }
    public string? Ciphertext { get; set; }
    public string? Nonce { get; set; }

    /// <summary>The message text for a channel that is not end-to-end encrypted (Parley's column).</summary>
    public string? Plaintext { get; set; }
    public DateTime ScheduledFor { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var scheduled = modelBuilder.Entity<ScheduledMessage>();
        scheduled.ToTable("scheduled_messages", t =>
            t.HasCheckConstraint("ck_scheduled_messages_content", "plaintext IS NOT NULL OR (ciphertext IS NOT NULL AND nonce IS NOT NULL)"));
        scheduled.HasOne<Channels.Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        scheduled.HasKey(s => s.Id);
        scheduled.HasIndex(s => s.ScheduledFor);
        scheduled.HasIndex(s => new { s.UserId, s.ScheduledFor });
        scheduled.HasIndex(s => s.ChannelId);
    }
}
