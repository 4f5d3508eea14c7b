using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Desks;

/// <summary>
/// Parley's <c>support_desks</c>: one community's Modmail set-up, Rustmail's configuration file made per community
/// and editable live. Members of <see cref="CommunityId"/> write to the desk's bot; staff of
/// <see cref="StaffCommunityId"/> answer in ticket channels of its <c>Tickets</c> group. In <c>single</c> mode the two
/// communities are the same; in <c>dual</c> mode tickets live in a separate staff community. A desk serving only email
/// has no member community.
/// </summary>
internal sealed class SupportDesk
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The community whose members write to the bot; null for a desk fed only by email or the external API.</summary>
    public Guid? CommunityId { get; set; }

    /// <summary>Where ticket channels live and whose moderators (or <see cref="StaffRole"/>) are staff.</summary>
    public Guid StaffCommunityId { get; set; }

    /// <summary><see cref="DeskModes"/>.</summary>
    public string Mode { get; set; } = DeskModes.Single;

    /// <summary>Modmail is on for this community: its bot answers DMs and "Contact staff" is offered.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The support bot: a Core user marked as a bot, created with the desk.</summary>
    public Guid BotUserId { get; set; }

    /// <summary>The staff-only <c>Tickets</c> group in the staff community.</summary>
    public Guid? TicketsGroupId { get; set; }

    /// <summary>The lowest community role (of the staff community) that is staff: moderator by default.</summary>
    public string StaffRole { get; set; } = "moderator";

    /// <summary>Text commands in ticket channels start with this (Rustmail's default: <c>!</c>).</summary>
    public string Prefix { get; set; } = "!";

    /// <summary>Sent to a member whose message opened a ticket.</summary>
    public string WelcomeMessage { get; set; } = "Thanks for your message. Our staff will answer here as soon as they can.";

    /// <summary>Sent to the member when a ticket closes (unless silent).</summary>
    public string ClosingMessage { get; set; } = "This ticket has been closed. Write again if you need anything else.";

    /// <summary>The bot's presence text (<c>status</c> command).</summary>
    public string? StatusText { get; set; }

    /// <summary>The name anonymous replies are signed with (Rustmail: the server's name).</summary>
    public string AnonymousName { get; set; } = "Staff";

    /// <summary>Ask a new member to choose a category before the ticket opens.</summary>
    public bool CategorySelection { get; set; }

    /// <summary>Rustmail's switchable features as a JSON object, e.g. <c>{"confirmations":true,"logs_in_ticket":true}</c>.</summary>
    public string Features { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// Recovery's cursor over the bot's DMs: the (created_at, id) of the latest member message Modmail has handled,
    /// whatever became of it (relayed, refused as blocked, ignored). Null: none yet. See <c>Transports/Chat/ChatCursor</c>.
    /// </summary>
    public DateTime? ChatCursorAt { get; set; }
    public Guid? ChatCursorMessageId { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var d = modelBuilder.Entity<SupportDesk>();
        d.ToTable("support_desks");
        d.HasKey(x => x.Id);
        d.HasIndex(x => x.CommunityId).IsUnique();
        d.HasIndex(x => x.StaffCommunityId);
        d.Property(x => x.Mode).HasMaxLength(8);
        d.Property(x => x.StaffRole).HasMaxLength(16);
        d.Property(x => x.Prefix).HasMaxLength(8);
        d.Property(x => x.AnonymousName).HasMaxLength(64);
    }
}

/// <summary><c>support_desks.mode</c>, as Rustmail's modes.</summary>
internal static class DeskModes
{
    /// <summary>Ticket channels in the members' own community, in a staff-only group.</summary>
    public const string Single = "single";

    /// <summary>Ticket channels in a separate staff community.</summary>
    public const string Dual = "dual";
}
