using Microsoft.EntityFrameworkCore;

namespace Parley.Mail.Messages;

/// <summary>A file attached to a message (<c>attachments</c>); its bytes are in the blob store under <see cref="StorageKey"/>.</summary>
internal sealed class MailAttachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string MessageId { get; set; }
    public required string Filename { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string StorageKey { get; set; }

    /// <summary>Parley's: the Content-ID of an inline part (cid: references in the HTML body).</summary>
    public string? ContentId { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var attachment = modelBuilder.Entity<MailAttachment>();
        attachment.ToTable("attachments");
        attachment.HasKey(a => a.Id);
        attachment.HasOne<MailMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        attachment.HasIndex(a => a.MessageId);
    }
}
