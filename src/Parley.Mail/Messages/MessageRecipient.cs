using Microsoft.EntityFrameworkCore;

namespace Parley.Mail.Messages;

/// <summary>One To, Cc or Bcc address of a message (<c>message_recipients</c>).</summary>
internal sealed class MessageRecipient
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string MessageId { get; set; }

    /// <summary><c>to</c>, <c>cc</c> or <c>bcc</c>.</summary>
    public required string RecipientType { get; set; }

    /// <summary>Lower-case address.</summary>
    public required string Address { get; set; }

    public string? Name { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var recipient = modelBuilder.Entity<MessageRecipient>();
        recipient.ToTable("message_recipients");
        recipient.HasKey(r => r.Id);
        recipient.Property(r => r.RecipientType).HasMaxLength(3);
        recipient.HasOne<MailMessage>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        recipient.HasIndex(r => r.MessageId);
        recipient.HasIndex(r => r.Address);
    }
}

internal static class RecipientTypes
{
    public const string To = "to";
    public const string Cc = "cc";
    public const string Bcc = "bcc";
}
