using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Messages;

/// <summary>A message's content before one edit (<c>message_edits</c>), so the history can be shown.</summary>
public sealed class MessageEdit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MessageId { get; set; }
    /// <summary>The sealed content before the edit; null with <see cref="OldNonce"/> when the message was plaintext.</summary>
    public byte[]? OldCiphertext { get; set; }
    public byte[]? OldNonce { get; set; }

    /// <summary>
    /// The readable content before the edit (Parley's column: the seed only kept sealed content, but a
    /// plaintext channel's edit history is as much the record as an encrypted one's).
    /// </summary>
    public string? OldPlaintext { get; set; }
    public DateTime EditedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var edit = modelBuilder.Entity<MessageEdit>();
        edit.ToTable("message_edits");
        edit.HasKey(e => e.Id);
        // The history belongs to the message: it goes when the message does.
        edit.HasOne<Message>().WithMany().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.Cascade);
        edit.HasIndex(e => new { e.MessageId, e.EditedAt });
    }
}
