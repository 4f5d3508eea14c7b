using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Tickets;

/// <summary>Parley's <c>thread_staff</c>: a staff member given access to one ticket with <c>add_staff</c>, whatever its category requires.</summary>
internal sealed class TicketStaff
{
    public Guid ThreadId { get; set; }

    /// <summary>The staff user's Chat id.</summary>
    public required string UserId { get; set; }
    public required string AddedBy { get; set; }
    public DateTime AddedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var s = modelBuilder.Entity<TicketStaff>();
        s.ToTable("thread_staff");
        s.HasKey(x => new { x.ThreadId, x.UserId });
        s.HasOne<Ticket>().WithMany().HasForeignKey(x => x.ThreadId).OnDelete(DeleteBehavior.Cascade);
        s.HasIndex(x => x.UserId);
    }
}
