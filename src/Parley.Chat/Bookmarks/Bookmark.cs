using Microsoft.EntityFrameworkCore;
using Parley.Chat.Messages;

namespace Parley.Chat.Bookmarks;

/// <summary>A message a user saved for themself (<c>bookmarks</c>), at most once per message.</summary>
public sealed class Bookmark
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid MessageId { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var bookmark = modelBuilder.Entity<Bookmark>();
        bookmark.ToTable("bookmarks");
        bookmark.HasKey(b => b.Id);
        bookmark.HasOne<Message>().WithMany().HasForeignKey(b => b.MessageId).OnDelete(DeleteBehavior.Cascade);
        bookmark.HasIndex(b => new { b.UserId, b.MessageId }).IsUnique();
        bookmark.HasIndex(b => b.MessageId);
    }
}
