using Microsoft.EntityFrameworkCore;

namespace Parley.Triage.Processing;

/// <summary>
/// An email already handled for an account (<c>processed_messages</c>): the guard against processing it twice. Unique
/// per (message id, account); forgotten after <c>state.processed_ttl</c> by <see cref="Retention.TriageRetentionJob"/>.
/// </summary>
internal sealed class ProcessedMessage
{
    public long Id { get; set; }

    /// <summary>The email's Message-ID header.</summary>
    public required string MessageId { get; set; }
    public required string AccountName { get; set; }

    /// <summary>Unix seconds, as the seed has it.</summary>
    public long ProcessedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var b = modelBuilder.Entity<ProcessedMessage>();
        b.ToTable("processed_messages");
        b.HasKey(x => x.Id);
        b.Property(x => x.MessageId).HasMaxLength(998);
        b.Property(x => x.AccountName).HasMaxLength(128);
        b.HasIndex(x => new { x.MessageId, x.AccountName }).IsUnique();
        b.HasIndex(x => x.AccountName).HasDatabaseName("idx_processed_messages_account");
        b.HasIndex(x => x.ProcessedAt).HasDatabaseName("idx_processed_messages_processed_at");
    }
}
