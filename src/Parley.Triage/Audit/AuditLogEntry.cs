using Microsoft.EntityFrameworkCore;

namespace Parley.Triage.Audit;

/// <summary>
/// One decision on one email (<c>audit_log</c>): the actions taken (a JSON array), who decided (LLM provider and model,
/// or neither for a rule) and why. The subject is kept only when <c>state.audit_subjects</c> is on. Removed after
/// <c>state.audit_retention</c>.
/// </summary>
internal sealed class AuditLogEntry
{
    public long Id { get; set; }
    public required string MessageId { get; set; }
    public required string AccountName { get; set; }

    /// <summary>JSON array of the actions taken (or, in dry run, that would have been).</summary>
    public required string Actions { get; set; }
    public string? LlmProvider { get; set; }
    public string? LlmModel { get; set; }

    /// <summary>Null unless <c>state.audit_subjects</c> is true (privacy).</summary>
    public string? Subject { get; set; }

    /// <summary>0.0–1.0; null when no LLM decided.</summary>
    public double? Confidence { get; set; }
    public string? Reasoning { get; set; }

    /// <summary>Unix seconds.</summary>
    public long CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var b = modelBuilder.Entity<AuditLogEntry>();
        b.ToTable("audit_log");
        b.HasKey(x => x.Id);
        b.Property(x => x.MessageId).HasMaxLength(998);
        b.Property(x => x.AccountName).HasMaxLength(128);
        b.Property(x => x.LlmProvider).HasMaxLength(128);
        b.Property(x => x.LlmModel).HasMaxLength(256);
        b.HasIndex(x => x.AccountName).HasDatabaseName("idx_audit_log_account");
        b.HasIndex(x => x.CreatedAt).HasDatabaseName("idx_audit_log_created_at");
    }
}
