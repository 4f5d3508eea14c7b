using Microsoft.EntityFrameworkCore;

namespace Parley.Mail.Suppression;

/// <summary>An address Parley will not send to (<c>suppressed_addresses</c>), after a hard bounce or a complaint, or added by hand.</summary>
internal sealed class SuppressedAddress
{
    /// <summary>Lower-case address.</summary>
    public required string Address { get; set; }

    /// <summary><c>bounce</c>, <c>complaint</c> or <c>manual</c>.</summary>
    public required string Reason { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Parley's: the message whose bounce or complaint caused it.</summary>
    public string? SourceMessageId { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var s = modelBuilder.Entity<SuppressedAddress>();
        s.ToTable("suppressed_addresses");
        s.HasKey(a => a.Address);
        s.Property(a => a.Reason).HasMaxLength(16);
    }
}

internal static class SuppressionReasons
{
    public const string Bounce = "bounce";
    public const string Complaint = "complaint";
    public const string Manual = "manual";
}
