using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Tickets;

/// <summary>
/// A message of a ticket (<c>thread_messages</c>): what the member wrote, what staff relayed to the member (numbered),
/// staff-only notes and system notices. Each side's copy is named by <c>dm_message_id</c> (the member's side) and
/// <c>inbox_message_id</c> (the ticket channel).
/// </summary>
internal sealed class TicketMessage
{
    public long Id { get; set; }
    public Guid ThreadId { get; set; }

    /// <summary>The author in the transport's terms (member) or the staff user's Chat id.</summary>
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public bool IsAnonymous { get; set; }

    /// <summary>The message's id on the member's side (a Chat message id in the DM, an email Message-ID).</summary>
    public string? DmMessageId { get; set; }

    /// <summary>The message's id in the staff ticket channel.</summary>
    public string? InboxMessageId { get; set; }

    /// <summary>Staff replies relayed to the member are numbered 1, 2, … per ticket; null for everything else.</summary>
    public int? MessageNumber { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string Content { get; set; }

    /// <summary>The ticket's status when the message was recorded.</summary>
    public int ThreadStatus { get; set; } = TicketStatus.Open;

    // --- Parley's columns

    /// <summary><see cref="TicketMessageKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>Attachments as a JSON array of <c>{blob_key, file_name, content_type, size}</c>; null when none.</summary>
    public string? Attachments { get; set; }

    /// <summary>Staff's role name shown with a named reply.</summary>
    public string? AuthorRole { get; set; }

    public DateTime? EditedAt { get; set; }

    /// <summary>Withdrawn with <c>delete</c>: kept for the transcript, gone from both sides.</summary>
    public DateTime? DeletedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var m = modelBuilder.Entity<TicketMessage>();
        m.ToTable("thread_messages");
        m.HasKey(x => x.Id);
        m.HasIndex(x => x.Id).IsUnique().HasDatabaseName("thread_messages_id_key");
        m.Property(x => x.UserId).HasMaxLength(320);
        m.Property(x => x.UserName).HasMaxLength(256);
        m.Property(x => x.DmMessageId).HasMaxLength(998);
        m.Property(x => x.InboxMessageId).HasMaxLength(64);
        m.Property(x => x.Kind).HasMaxLength(16);
        m.Property(x => x.AuthorRole).HasMaxLength(64);
        m.HasOne<Ticket>().WithMany().HasForeignKey(x => x.ThreadId).OnDelete(DeleteBehavior.Cascade);
        // Rustmail's "message_number_unique" migration.
        m.HasIndex(x => new { x.ThreadId, x.MessageNumber }).IsUnique().HasFilter("message_number IS NOT NULL");
        m.HasIndex(x => new { x.ThreadId, x.CreatedAt });
        m.HasIndex(x => x.DmMessageId);
        m.HasIndex(x => x.InboxMessageId);
    }
}

/// <summary><c>thread_messages.kind</c>.</summary>
internal static class TicketMessageKinds
{
    /// <summary>Written by the member, relayed to the ticket channel.</summary>
    public const string Member = "member";

    /// <summary>A staff reply relayed to the member (named or anonymous), numbered.</summary>
    public const string Staff = "staff";

    /// <summary>Staff talking among themselves in the ticket channel; never relayed.</summary>
    public const string Note = "note";

    /// <summary>Parley's own notices (opened, closed, member left, reminders).</summary>
    public const string System = "system";
}
