using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Tickets;

/// <summary>A ticket's status history (<c>thread_status</c>): one row per change, the first on opening.</summary>
internal sealed class TicketStatusChange
{
    public long Id { get; set; }
    public Guid ThreadId { get; set; }
    public int Status { get; set; }
    public DateTime ChangedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var s = modelBuilder.Entity<TicketStatusChange>();
        s.ToTable("thread_status");
        s.HasKey(x => x.Id);
        s.HasOne<Ticket>().WithMany().HasForeignKey(x => x.ThreadId).OnDelete(DeleteBehavior.Cascade);
        s.HasIndex(x => new { x.ThreadId, x.ChangedAt });
    }
}
