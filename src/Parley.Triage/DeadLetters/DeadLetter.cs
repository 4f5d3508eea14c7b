using Microsoft.EntityFrameworkCore;

namespace Parley.Triage.DeadLetters;

/// <summary>
/// An email whose processing failed (<c>dead_letter</c>), waiting for a retry. Entries are resolved
/// (<see cref="ResolvedAt"/> set), never deleted: after a successful retry, when attempts are exhausted, or when an
/// operator skips it. The state machine lives in <see cref="DeadLetterQueue"/>.
/// </summary>
internal sealed class DeadLetter
{
    public long Id { get; set; }
    public required string MessageId { get; set; }
    public required string AccountName { get; set; }

    /// <summary>The IMAP folder holding the email when it failed.</summary>
    public required string Folder { get; set; }

    /// <summary>Its IMAP UID in <see cref="Folder"/>.</summary>
    public long Uid { get; set; }
    public required string Error { get; set; }

    /// <summary>Processing attempts so far, the first failure included (so 1 when recorded).</summary>
    public int Attempts { get; set; } = 1;

    /// <summary>Unix seconds of the first failure.</summary>
    public long CreatedAt { get; set; }
    public long? ResolvedAt { get; set; }

    /// <summary>One of <see cref="DeadLetterStatus"/>.</summary>
    public required string RetryStatus { get; set; }
    public long? NextRetryAt { get; set; }
    public long? LastRetryAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var b = modelBuilder.Entity<DeadLetter>();
        b.ToTable("dead_letter");
        b.HasKey(x => x.Id);
        b.Property(x => x.MessageId).HasMaxLength(998);
        b.Property(x => x.AccountName).HasMaxLength(128);
        b.Property(x => x.Folder).HasMaxLength(1024);
        b.Property(x => x.RetryStatus).HasMaxLength(16).HasDefaultValue(DeadLetterStatus.Pending);
        b.Property(x => x.Attempts).HasDefaultValue(1);
        b.HasIndex(x => x.AccountName).HasDatabaseName("idx_dead_letter_account");
        b.HasIndex(x => x.ResolvedAt).HasDatabaseName("idx_dead_letter_resolved");
        b.HasIndex(x => new { x.RetryStatus, x.NextRetryAt }).HasDatabaseName("idx_dead_letter_retry");
    }
}

/// <summary>The seed's <c>retry_status</c> values.</summary>
internal static class DeadLetterStatus
{
    /// <summary>Waiting for <c>next_retry_at</c>.</summary>
    public const string Pending = "pending";

    /// <summary>A retry is running now.</summary>
    public const string Retrying = "retrying";

    /// <summary><c>retry.max_attempts</c> reached; resolved.</summary>
    public const string Exhausted = "exhausted";

    /// <summary>A retry processed the email; resolved.</summary>
    public const string Success = "success";

    /// <summary>An operator gave up on it; resolved.</summary>
    public const string Skipped = "skipped";
}
