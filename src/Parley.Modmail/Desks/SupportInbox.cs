using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Desks;

/// <summary>
/// Parley's <c>support_inboxes</c>: a Mail inbox marked as a support inbox of a desk. Each new email thread to it opens
/// a ticket; staff replies go back as email in the same thread, anonymous ones from <see cref="DisplayName"/>.
/// </summary>
internal sealed class SupportInbox
{
    /// <summary>The Mail module's inbox id.</summary>
    public Guid InboxId { get; set; }
    public Guid DeskId { get; set; }

    /// <summary>The From name of anonymous replies (and of the welcome and closing messages); null: the inbox's own name.</summary>
    public string? DisplayName { get; set; }

    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Recovery's cursor over the inbox's received mail: Mail's (created_at, Message-ID) of the latest message Modmail
    /// has taken in (its intake job queued). Null: none yet. See <c>Transports/Email/MailCursor</c>.
    /// </summary>
    public DateTime? MailCursorAt { get; set; }
    public string? MailCursorMessageId { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var i = modelBuilder.Entity<SupportInbox>();
        i.ToTable("support_inboxes");
        i.HasKey(x => x.InboxId);
        i.Property(x => x.DisplayName).HasMaxLength(128);
        i.Property(x => x.MailCursorMessageId).HasMaxLength(998);
        i.HasOne<SupportDesk>().WithMany().HasForeignKey(x => x.DeskId).OnDelete(DeleteBehavior.Cascade);
        i.HasIndex(x => x.DeskId);
    }
}
