using Microsoft.EntityFrameworkCore;
using Parley.Chat.Communities;

namespace Parley.Chat.Emojis;

/// <summary>A community's own emoji (<c>custom_emojis</c>).</summary>
internal sealed class CustomEmoji
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CommunityId { get; set; }
    public Guid UploadedBy { get; set; }
    public required string Shortcode { get; set; }
    public required string FilePath { get; set; }
    public required string ContentType { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var emoji = modelBuilder.Entity<CustomEmoji>();
        emoji.ToTable("custom_emojis");
        emoji.HasKey(e => e.Id);
        emoji.Property(e => e.Shortcode).HasMaxLength(32);
        emoji.Property(e => e.ContentType).HasMaxLength(64);
        emoji.HasIndex(e => new { e.CommunityId, e.Shortcode }).IsUnique();
        emoji.HasOne<Community>().WithMany().HasForeignKey(e => e.CommunityId).OnDelete(DeleteBehavior.Cascade);
        emoji.HasIndex(e => e.UploadedBy);
    }
}
