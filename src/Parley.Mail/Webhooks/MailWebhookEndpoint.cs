using Microsoft.EntityFrameworkCore;

namespace Parley.Mail.Webhooks;

/// <summary>
/// A receiver of Mail's events (<c>webhook_endpoints</c> in Mail's database, as the seed has it), scoped to
/// <see cref="InboxIds"/> when set. Deliveries go through Core's dispatcher (signing, retries, health).
/// </summary>
internal sealed class MailWebhookEndpoint
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Url { get; set; }

    /// <summary>The HMAC signing secret, encrypted with the instance key (it must be read back to sign).</summary>
    public required byte[] Secret { get; set; }

    public string[] Events { get; set; } = [];

    /// <summary>Null: every inbox.</summary>
    public Guid[]? InboxIds { get; set; }

    public string Status { get; set; } = "active";
    public int FailureCount { get; set; }
    public DateTime? LastSuccessAt { get; set; }
    public DateTime? LastFailureAt { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var endpoint = modelBuilder.Entity<MailWebhookEndpoint>();
        endpoint.ToTable("webhook_endpoints");
        endpoint.HasKey(e => e.Id);
        endpoint.Property(e => e.Url).HasMaxLength(2048);
        endpoint.Property(e => e.Status).HasMaxLength(16);
    }
}
