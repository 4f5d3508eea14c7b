using Microsoft.EntityFrameworkCore;

namespace Parley.Mail.Messages;

/// <summary>
/// Parley's <c>message_labels</c> (not in seed 002): a label on a stored message, set through the API or by Triage.
/// One row per (message, label); labels are compared as written (ordinal), at most <see cref="MessageLabels.MaxLength"/> characters.
/// </summary>
internal sealed class MessageLabel
{
    public required string MessageId { get; set; }
    public required string Label { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var label = modelBuilder.Entity<MessageLabel>();
        label.ToTable("message_labels");
        label.HasKey(l => new { l.MessageId, l.Label });
        label.Property(l => l.Label).HasMaxLength(MessageLabels.MaxLength);
        label.HasOne<MailMessage>().WithMany().HasForeignKey(l => l.MessageId).OnDelete(DeleteBehavior.Cascade);
        // The list and search filters look messages up by label.
        label.HasIndex(l => l.Label);
    }
}
