using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Desks;
using Parley.Modmail.Transports;

namespace Parley.Modmail.Tickets;

/// <summary>
/// Parley's <c>category_choices</c>: a member asked to choose a ticket category before their ticket opens (a desk with
/// <c>category_selection</c>). One per member, desk and transport; it holds what the member wrote meanwhile
/// (<see cref="HeldMessages"/>), relayed in order once the ticket opens — on their answer, or at
/// <see cref="ExpiresAt"/> without a category (<see cref="CategoryChoiceJob"/>). Removed when the ticket opens.
/// </summary>
internal sealed class CategoryChoice
{
    public long Id { get; set; }
    public Guid DeskId { get; set; }
    public required string Transport { get; set; }

    /// <summary>The member in the transport's terms (as <c>threads.user_id</c>).</summary>
    public required string UserId { get; set; }

    public required string UserName { get; set; }
    public string? MemberConversationId { get; set; }
    public DateTime StartedAt { get; set; }

    /// <summary>Unix seconds: the ticket opens without a category then. The job carries it, so a stale job does nothing.</summary>
    public long ExpiresAt { get; set; }

    /// <summary>The member's messages written while choosing, oldest first (a JSON array of <see cref="HeldMemberMessage"/>).</summary>
    public string HeldMessages { get; set; } = "[]";

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var c = modelBuilder.Entity<CategoryChoice>();
        c.ToTable("category_choices");
        c.HasKey(x => x.Id);
        c.Property(x => x.Transport).HasMaxLength(16);
        c.Property(x => x.UserId).HasMaxLength(320);
        c.Property(x => x.UserName).HasMaxLength(256);
        c.HasOne<SupportDesk>().WithMany().HasForeignKey(x => x.DeskId).OnDelete(DeleteBehavior.Cascade);
        c.HasIndex(x => new { x.DeskId, x.Transport, x.UserId }).IsUnique();
    }
}

/// <summary>A member's message held while they choose a category: what <see cref="IncomingMemberMessage"/> carries, minus the member.</summary>
internal sealed record HeldMemberMessage(string MemberMessageId, string Content, IReadOnlyList<TicketAttachment> Attachments, DateTime SentAt);
