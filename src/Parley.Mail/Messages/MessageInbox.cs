using Microsoft.EntityFrameworkCore;
using Parley.Mail.Inboxes;

namespace Parley.Mail.Messages;

/// <summary>Parley's <c>message_inboxes</c>: every inbox a message belongs to (one email to two inboxes is stored once).</summary>
internal sealed class MessageInbox
{
    public required string MessageId { get; set; }
    public Guid InboxId { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var link = modelBuilder.Entity<MessageInbox>();
        link.ToTable("message_inboxes");
        link.HasKey(l => new { l.MessageId, l.InboxId });
        link.HasOne<MailMessage>().WithMany().HasForeignKey(l => l.MessageId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Inbox>().WithMany().HasForeignKey(l => l.InboxId).OnDelete(DeleteBehavior.Cascade);
        link.HasIndex(l => l.InboxId);
    }
}
