using Microsoft.EntityFrameworkCore;
using Parley.Mail.Inboxes;
using Parley.Mail.Threads;

namespace Parley.Mail.Messages;

/// <summary>
/// One email, received or sent (<c>messages</c>), keyed by its RFC 5322 Message-ID as the seed has it
/// (compared case-sensitively). The raw MIME is in the blob store under <see cref="RawStorageKey"/>.
/// One row per Message-ID: the same message arriving again is acknowledged and not stored twice; when
/// it was addressed to several inboxes, <c>message_inboxes</c> lists each (this row names the first).
/// </summary>
internal sealed class MailMessage
{
    public required string MessageId { get; set; }
    public Guid ThreadId { get; set; }
    public Guid InboxId { get; set; }

    /// <summary><see cref="MailDirections.Inbound"/> or <see cref="MailDirections.Outbound"/>.</summary>
    public required string Direction { get; set; }

    public required string FromAddress { get; set; }
    public string? FromName { get; set; }
    public string Subject { get; set; } = "";
    public DateTime SentAt { get; set; }
    public string? InReplyTo { get; set; }
    public string? BodyText { get; set; }
    public string? BodyHtml { get; set; }
    public required string RawStorageKey { get; set; }

    /// <summary>The outbound queue's id for the message (the seed's SES id); empty for inbound mail.</summary>
    public string? SesMessageId { get; set; }

    public DateTime CreatedAt { get; set; }

    // Parley's.
    public long RawSizeBytes { get; set; }

    /// <summary>JSON: inbound authentication results (<c>spf</c>, <c>dkim</c>, <c>dmarc</c>), the SMTP envelope, and the like.</summary>
    public string Metadata { get; set; } = "{}";

    /// <summary>For <c>POST /api/mail/send</c>: a retried request with the same key returns the first message.</summary>
    public string? IdempotencyKey { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var message = modelBuilder.Entity<MailMessage>();
        message.ToTable("messages");
        message.HasKey(m => m.MessageId);
        message.Property(m => m.MessageId).HasMaxLength(998);
        message.Property(m => m.Direction).HasMaxLength(8);
        message.Property(m => m.IdempotencyKey).HasMaxLength(200);
        message.HasOne<MailThread>().WithMany().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Restrict);
        message.HasOne<Inbox>().WithMany().HasForeignKey(m => m.InboxId).OnDelete(DeleteBehavior.Restrict);
        message.HasIndex(m => m.ThreadId);
        message.HasIndex(m => m.InboxId);
        message.HasIndex(m => m.SesMessageId);
        // Threading: a parent arriving after its replies finds them by their In-Reply-To (and message_references.referenced_id).
        message.HasIndex(m => m.InReplyTo);
        message.HasIndex(m => new { m.InboxId, m.IdempotencyKey }).IsUnique();
    }
}

internal static class MailDirections
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}
