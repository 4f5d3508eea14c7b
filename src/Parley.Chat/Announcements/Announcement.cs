using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Announcements;

/// <summary>An instance-wide announcement from an administrator (<c>announcements</c>).</summary>
internal sealed class Announcement
{
    public const int TitleMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var announcement = modelBuilder.Entity<Announcement>();
        announcement.ToTable("announcements");
        announcement.HasKey(a => a.Id);
        announcement.Property(a => a.Title).HasMaxLength(TitleMaxLength);
        announcement.HasIndex(a => a.CreatedAt);
    }
}
