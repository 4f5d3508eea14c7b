using Microsoft.EntityFrameworkCore;

namespace Parley.Core.Audit;

/// <summary>One security-relevant action (<c>audit_log</c>, Chatalot's columns plus the API key that acted).</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The acting user, when a user acted.</summary>
    public Guid? UserId { get; set; }
    public long? ApiKeyId { get; set; }
    public required string Action { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>JSON object with the details (target ids, reasons); never secrets.</summary>
    public string Metadata { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var entry = modelBuilder.Entity<AuditEntry>();
        entry.ToTable("audit_log");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.HasIndex(e => e.CreatedAt);
        entry.HasIndex(e => new { e.UserId, e.CreatedAt });
        entry.HasIndex(e => new { e.Action, e.CreatedAt });
    }
}
