using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Desks;

namespace Parley.Modmail.Tickets;

/// <summary>
/// A ticket (<c>threads</c>, Rustmail's name): one member's conversation with a desk's staff. The seed's columns keep
/// their meaning; ids that were Discord ids hold the transport's ids as text (a Chat user id, an email address).
/// </summary>
internal sealed class Ticket
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The member, in the transport's terms: a Chat user id, a sender's lower-case email address.</summary>
    public required string UserId { get; set; }

    /// <summary>The member's name when the ticket opened.</summary>
    public required string UserName { get; set; }

    /// <summary>The staff side: the ticket channel in the staff community (a Chat channel id).</summary>
    public string? ChannelId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The <c>message_number</c> the next relayed staff message gets.</summary>
    public int NextMessageNumber { get; set; } = 1;

    /// <summary><see cref="TicketStatus.Open"/> (1) or <see cref="TicketStatus.Closed"/> (0).</summary>
    public int Status { get; set; } = TicketStatus.Open;

    /// <summary>The member left the community the desk serves.</summary>
    public bool UserLeft { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>The staff user id that closed it (a Chat user id), or <c>system</c> for a scheduled close.</summary>
    public string? ClosedBy { get; set; }

    public string? CategoryId { get; set; }
    public string? CategoryName { get; set; }

    /// <summary>The category's permission names at the time it was set (a JSON array); staff need all of them to see the ticket.</summary>
    public string? RequiredPermissions { get; set; }

    // --- Parley's columns

    /// <summary>The desk (a community's Modmail set-up) the ticket belongs to.</summary>
    public Guid DeskId { get; set; }

    /// <summary>How the member is reached: <see cref="TransportNames"/>.</summary>
    public required string Transport { get; set; }

    /// <summary>The member side's conversation: the DM channel with the bot, the Mail thread id.</summary>
    public string? MemberConversationId { get; set; }

    /// <summary>The staff user (Chat user id) who took the ticket; null when nobody has.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>When staff first replied (for first-response statistics).</summary>
    public DateTime? FirstResponseAt { get; set; }

    /// <summary>The last relayed message came from the member: staff owe an answer.</summary>
    public bool AwaitingStaff { get; set; }

    public DateTime UpdatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var t = modelBuilder.Entity<Ticket>();
        t.ToTable("threads");
        t.HasKey(x => x.Id);
        t.HasIndex(x => x.Id).IsUnique().HasDatabaseName("threads_id_key");
        t.Property(x => x.UserId).HasMaxLength(320);
        t.Property(x => x.UserName).HasMaxLength(256);
        t.Property(x => x.ChannelId).HasMaxLength(64);
        t.Property(x => x.Transport).HasMaxLength(16);
        t.HasOne<SupportDesk>().WithMany().HasForeignKey(x => x.DeskId).OnDelete(DeleteBehavior.Restrict);
        // Rustmail's "unique open" migration: one open ticket per member of a desk and transport.
        t.HasIndex(x => new { x.DeskId, x.Transport, x.UserId }).IsUnique().HasFilter("status = 1").HasDatabaseName("threads_one_open_per_member");
        t.HasIndex(x => x.ChannelId);
        t.HasIndex(x => new { x.Status, x.CreatedAt });
        t.HasIndex(x => x.UserId);
    }
}

/// <summary>The seed's <c>threads.status</c> values.</summary>
internal static class TicketStatus
{
    public const int Closed = 0;
    public const int Open = 1;
}

/// <summary>The transports a ticket's member side can use (<c>threads.transport</c>).</summary>
public static class TransportNames
{
    public const string Chat = "chat";
    public const string Email = "email";
    public const string Discord = "discord";

    public static readonly IReadOnlyList<string> All = [Chat, Email, Discord];
}
