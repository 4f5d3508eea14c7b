using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Messages;

/// <summary>One user's emoji on a message (<c>reactions</c>); a user reacts with a given emoji once.</summary>
public sealed class Reaction
{
    public const int MaxEmojiLength = 32;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MessageId { get; set; }
    public Guid UserId { get; set; }
    public required string Emoji { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var reaction = modelBuilder.Entity<Reaction>();
        reaction.ToTable("reactions");
        reaction.HasKey(r => r.Id);
        reaction.Property(r => r.Emoji).HasMaxLength(MaxEmojiLength);
        reaction.HasOne<Message>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        reaction.HasIndex(r => new { r.MessageId, r.UserId, r.Emoji }).IsUnique();
        reaction.HasIndex(r => r.UserId);
    }
}
