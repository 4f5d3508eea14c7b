using Microsoft.EntityFrameworkCore;

namespace Parley.Mail.Messages;

/// <summary>One Message-ID of a message's References header, with its place in it (<c>message_references</c>, 0 = oldest).</summary>
internal sealed class MessageReference
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string MessageId { get; set; }
    public required string ReferencedId { get; set; }
    public int Position { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var reference = modelBuilder.Entity<MessageReference>();
        reference.ToTable("message_references");
        reference.HasKey(r => r.Id);
        reference.HasOne<MailMessage>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        reference.HasIndex(r => r.MessageId);
        reference.HasIndex(r => r.ReferencedId);
    }
}
