using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Moderation;

/// <summary>A report of content or a user (<c>reports</c>); <see cref="TargetId"/> names a row of the kind <see cref="ReportType"/> says.</summary>
public sealed class Report
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReporterId { get; set; }
    public required string ReportType { get; set; }

    /// <summary>A message, file or user id, by <see cref="ReportType"/>; generic, so no foreign key.</summary>
    public Guid TargetId { get; set; }
    public required string Reason { get; set; }
    public string Status { get; set; } = ReportStatuses.Pending;
    public Guid? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? AdminNotes { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var report = modelBuilder.Entity<Report>();
        report.ToTable("reports", t => t.HasCheckConstraint("ck_reports_status", "status IN ('pending', 'reviewed', 'resolved', 'dismissed')"));
        report.HasKey(r => r.Id);
        report.Property(r => r.ReportType).HasMaxLength(32);
        report.Property(r => r.Status).HasMaxLength(32).HasDefaultValue(ReportStatuses.Pending);
        report.HasIndex(r => new { r.Status, r.CreatedAt });
        report.HasIndex(r => r.ReporterId);
        report.HasIndex(r => r.TargetId);
    }
}

/// <summary>The values of <c>reports.status</c>.</summary>
public static class ReportStatuses
{
    public const string Pending = "pending";
    public const string Reviewed = "reviewed";
    public const string Resolved = "resolved";
    public const string Dismissed = "dismissed";
}
