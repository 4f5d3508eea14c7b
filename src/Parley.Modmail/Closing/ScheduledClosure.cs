using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Closing;

/// <summary>
/// A ticket's scheduled close (<c>scheduled_closures</c>, <c>close 1d12h</c>): one per ticket, run by a Core job at
/// <see cref="ScheduledTime"/> (Unix seconds), removed by <c>close cancel</c> or when the member writes again.
/// </summary>
internal sealed class ScheduledClosure
{
    public long Id { get; set; }
    public Guid ThreadId { get; set; }
    public long ScheduledTime { get; set; }

    /// <summary>Close without sending the member the closing message.</summary>
    public bool Silent { get; set; }

    /// <summary>The staff user's Chat id.</summary>
    public required string CreatedBy { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var c = modelBuilder.Entity<ScheduledClosure>();
        c.ToTable("scheduled_closures");
        c.HasKey(x => x.Id);
        c.Property(x => x.CreatedBy).HasMaxLength(64);
        c.HasOne<Ticket>().WithMany().HasForeignKey(x => x.ThreadId).OnDelete(DeleteBehavior.Cascade);
        c.HasIndex(x => x.ThreadId).IsUnique();
    }
}
