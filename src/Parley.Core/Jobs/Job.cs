using Microsoft.EntityFrameworkCore;

namespace Parley.Core.Jobs;

/// <summary>A durable unit of background work in a module's outbox (<c>jobs</c>).</summary>
public sealed class Job
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Which handler runs it, e.g. <c>webhooks.deliver</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>JSON the handler reads.</summary>
    public string Payload { get; set; } = "{}";

    public string State { get; set; } = JobStates.Pending;
    public DateTime DueAt { get; set; }
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; } = 10;
    public string? LastError { get; set; }

    /// <summary>The node holding the job while it runs, and until when; an expired lease frees it again.</summary>
    public string? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var job = modelBuilder.Entity<Job>();
        job.ToTable("jobs");
        job.HasKey(j => j.Id);
        job.Property(j => j.Kind).HasMaxLength(128);
        job.Property(j => j.State).HasMaxLength(16);
        job.Property(j => j.LockedBy).HasMaxLength(128);
        job.HasIndex(j => new { j.State, j.DueAt });
    }
}

public static class JobStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    /// <summary>Out of attempts; kept for inspection.</summary>
    public const string Dead = "dead";
}
