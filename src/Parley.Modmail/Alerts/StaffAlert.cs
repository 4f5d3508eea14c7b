using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Alerts;

/// <summary>
/// "Ping me when the member next writes" (<c>staff_alerts</c>, the <c>alert</c> command): used once, then
/// <see cref="Used"/>; <c>alert cancel</c> removes it.
/// </summary>
internal sealed class StaffAlert
{
    public long Id { get; set; }

    /// <summary>The staff user's Chat id.</summary>
    public required string StaffUserId { get; set; }

    /// <summary>The ticket's member (<c>threads.user_id</c>).</summary>
    public required string ThreadUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool Used { get; set; }

    /// <summary>Parley's: the ticket the alert was set in (a member may have tickets at several desks).</summary>
    public Guid? ThreadId { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var a = modelBuilder.Entity<StaffAlert>();
        a.ToTable("staff_alerts");
        a.HasKey(x => x.Id);
        a.Property(x => x.StaffUserId).HasMaxLength(64);
        a.Property(x => x.ThreadUserId).HasMaxLength(320);
        a.HasIndex(x => new { x.ThreadUserId, x.Used });
    }
}
