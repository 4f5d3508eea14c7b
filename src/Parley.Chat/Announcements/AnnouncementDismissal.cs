using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Announcements;

/// <summary>A user having dismissed an announcement (<c>announcement_dismissals</c>), so it no longer shows for them.</summary>
internal sealed class AnnouncementDismissal
{
    public Guid UserId { get; set; }
    public Guid AnnouncementId { get; set; }
    public DateTime DismissedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var dismissal = modelBuilder.Entity<AnnouncementDismissal>();
        dismissal.ToTable("announcement_dismissals");
        dismissal.HasKey(d => new { d.UserId, d.AnnouncementId });
        dismissal.HasOne<Announcement>().WithMany().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        dismissal.HasIndex(d => d.AnnouncementId);
    }
}
