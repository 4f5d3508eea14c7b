using Microsoft.EntityFrameworkCore;

namespace Parley.Mail.Threads;

/// <summary>A conversation (<c>threads</c>): the messages that answer one another, newest activity in <see cref="UpdatedAt"/>.</summary>
internal sealed class MailThread
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The RFC 5256 base subject (no Re:/Fwd:/[list] prefixes), as threading compares it.</summary>
    public required string Subject { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>Parley's: set when this thread was merged into another; its messages moved there.</summary>
    public Guid? MergedInto { get; set; }

    /// <summary>Parley's: one of <see cref="ThreadStates"/>; <c>open</c> for every thread until an API call or Triage changes it.</summary>
    public string State { get; set; } = ThreadStates.Open;

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var thread = modelBuilder.Entity<MailThread>();
        thread.ToTable("threads");
        thread.HasKey(t => t.Id);
        thread.HasIndex(t => new { t.Subject, t.UpdatedAt });
        thread.Property(t => t.State).HasMaxLength(16).HasDefaultValue(ThreadStates.Open);
    }
}
