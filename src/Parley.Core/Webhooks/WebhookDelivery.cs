using Microsoft.EntityFrameworkCore;

namespace Parley.Core.Webhooks;

/// <summary>
/// One event on its way to one endpoint (<c>webhook_deliveries</c>, part of every module's outbox).
/// <see cref="Payload"/> is the exact body that is signed and sent.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EndpointId { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }
    public string Status { get; set; } = WebhookDeliveryStates.Pending;
    public int Attempts { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var delivery = modelBuilder.Entity<WebhookDelivery>();
        delivery.ToTable("webhook_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.EventType).HasMaxLength(128);
        delivery.Property(d => d.Status).HasMaxLength(16);
        delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt });
    }
}

public static class WebhookDeliveryStates
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
