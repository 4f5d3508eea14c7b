using Microsoft.EntityFrameworkCore;

namespace Parley.Core.Webhooks;

/// <summary>A receiver of outgoing webhooks (<c>webhook_endpoints</c>, Core's database).</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Url { get; set; }
    public string? Description { get; set; }

    /// <summary>JSON array of event types; <c>*</c> matches all.</summary>
    public string EventTypes { get; set; } = "[\"*\"]";

    /// <summary>The signing secret, encrypted with the instance key (it must be read back to sign).</summary>
    public required byte[] SecretCiphertext { get; set; }

    public string Status { get; set; } = WebhookEndpointStates.Active;
    public int ConsecutiveFailures { get; set; }
    public DateTime? LastSuccessAt { get; set; }
    public DateTime? LastFailureAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var endpoint = modelBuilder.Entity<WebhookEndpoint>();
        endpoint.ToTable("webhook_endpoints");
        endpoint.HasKey(e => e.Id);
        endpoint.Property(e => e.Url).HasMaxLength(2048);
        endpoint.Property(e => e.Status).HasMaxLength(16);
    }
}

public static class WebhookEndpointStates
{
    public const string Active = "active";
    public const string Warning = "warning";
    public const string Disabled = "disabled";
}
