using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Audit;

/// <summary>The audit log: the <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Entries older than this many days are deleted by a daily job.</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 365;
}
