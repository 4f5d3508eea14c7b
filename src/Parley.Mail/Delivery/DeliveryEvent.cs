using Microsoft.EntityFrameworkCore;
using Parley.Mail.Messages;

namespace Parley.Mail.Delivery;

/// <summary>What happened to an outbound message (<c>delivery_events</c>): pending → sent → delivered, or bounced/complained/failed.</summary>
internal sealed class DeliveryEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string MessageId { get; set; }
    public string? SesMessageId { get; set; }

    /// <summary>One of <see cref="DeliveryStatuses"/>.</summary>
    public required string Status { get; set; }

    /// <summary>JSON: recipient, SMTP reply, DSN fields, attempt number…</summary>
    public string Details { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var e = modelBuilder.Entity<DeliveryEvent>();
        e.ToTable("delivery_events");
        e.HasKey(d => d.Id);
        e.Property(d => d.Status).HasMaxLength(16);
        e.HasOne<MailMessage>().WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => d.MessageId);
        e.HasIndex(d => d.SesMessageId);
    }
}

internal static class DeliveryStatuses
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Bounced = "bounced";
    public const string Complained = "complained";
    public const string Failed = "failed";
}
