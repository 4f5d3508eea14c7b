using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Messages;

/// <summary>
/// A channel message (<c>messages</c>): either <c>plaintext</c> or end-to-end encrypted
/// <c>ciphertext</c> + <c>nonce</c> the server cannot read. Deleting is soft (<c>deleted_at</c>).
/// </summary>
public sealed class Message
{
    /// <summary>Largest ciphertext the seed allows (64 KiB).</summary>
    public const int MaxCiphertextBytes = 64 * 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ChannelId { get; set; }

    /// <summary>A user in Core's database, so no foreign key.</summary>
    public Guid SenderId { get; set; }

    public byte[]? Ciphertext { get; set; }
    public byte[]? Nonce { get; set; }
    public string MessageType { get; set; } = MessageTypes.Text;

    /// <summary>The sender key the ciphertext was sealed with; cleared if that distribution is deleted.</summary>
    public Guid? SenderKeyId { get; set; }

    public Guid? ReplyToId { get; set; }
    public Guid? ThreadId { get; set; }
    public string? Plaintext { get; set; }

    /// <summary>The message's time to live: it is deleted after this.</summary>
    public DateTime? ExpiresAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public DateTime? QuarantinedAt { get; set; }
    public Guid? QuarantinedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The sender's key for this send (Parley's column): a retried send with the same key finds this
    /// message instead of making a second one. Unique per sender.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    public const int MaxIdempotencyKeyLength = 64;

    /// <summary>The file a <c>file</c> message carries (Parley's column); cleared if the file row goes.</summary>
    public Guid? FileId { get; set; }
    /// <summary>The incoming webhook that posted a <c>webhook</c> message (Parley's column); cleared if the webhook is deleted.</summary>
    public Guid? WebhookId { get; set; }

    /// <summary>The name a <c>webhook</c> message is shown under: the webhook's, or the one its request gave (Parley's column).</summary>
    public string? WebhookUsername { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var message = modelBuilder.Entity<Message>();
        message.ToTable("messages", t =>
        {
            t.HasCheckConstraint("ck_messages_message_type", "message_type IN ('text', 'file', 'system', 'webhook')");
            // A message is readable by the server or sealed for the members, never neither.
            t.HasCheckConstraint("ck_messages_content", "plaintext IS NOT NULL OR (ciphertext IS NOT NULL AND nonce IS NOT NULL)");
            t.HasCheckConstraint("ck_messages_ciphertext_size", "ciphertext IS NULL OR length(ciphertext) <= " + MaxCiphertextBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        message.HasKey(m => m.Id);
        message.Property(m => m.MessageType).HasMaxLength(16);
        // A reply or thread reply outlives its parent (hard deletes come from TTL expiry); it just loses the link.
        message.HasOne<Channels.Channel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
        message.HasOne<Message>().WithMany().HasForeignKey(m => m.ReplyToId).OnDelete(DeleteBehavior.SetNull);
        message.HasOne<Keys.SenderKeyDistribution>().WithMany().HasForeignKey(m => m.SenderKeyId).OnDelete(DeleteBehavior.SetNull);
        message.HasOne<Message>().WithMany().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.SetNull);
        message.HasIndex(m => new { m.ChannelId, m.CreatedAt }).IsDescending(false, true);
        message.HasIndex(m => new { m.SenderId, m.CreatedAt }).IsDescending(false, true);
        message.HasIndex(m => m.SenderKeyId);
        message.HasIndex(m => m.ReplyToId);
        message.HasIndex(m => m.ThreadId);
        message.HasOne<Files.ChatFile>().WithMany().HasForeignKey(m => m.FileId).OnDelete(DeleteBehavior.SetNull);
        message.HasIndex(m => m.FileId);
        message.HasIndex(m => m.ExpiresAt);
        message.Property(m => m.IdempotencyKey).HasMaxLength(MaxIdempotencyKeyLength);
        message.HasIndex(m => new { m.SenderId, m.IdempotencyKey }).IsUnique();
        message.Property(m => m.WebhookUsername).HasMaxLength(64);
        message.HasOne<IncomingWebhooks.ChatWebhook>().WithMany().HasForeignKey(m => m.WebhookId).OnDelete(DeleteBehavior.SetNull);
        message.HasIndex(m => m.WebhookId);
    }
}

/// <summary>The values of <c>messages.message_type</c>.</summary>
public static class MessageTypes
{
    public const string Text = "text";
    public const string File = "file";
    public const string System = "system";
    public const string Webhook = "webhook";
}
