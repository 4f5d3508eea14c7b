using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Reminders;

/// <summary>
/// A staff reminder in a ticket (<c>reminders</c>, <c>add_reminder</c>): posted in the ticket channel, pinging its
/// author, at <see cref="TriggerTime"/> (a Core job, so it survives restarts); then <see cref="Completed"/>.
/// The seed keeps its times as Unix seconds.
/// </summary>
internal sealed class Reminder
{
    public long Id { get; set; }
    public Guid ThreadId { get; set; }

    /// <summary>The staff user's Chat id.</summary>
    public required string UserId { get; set; }

    /// <summary>The ticket channel (Chat channel id).</summary>
    public required string ChannelId { get; set; }

    /// <summary>The staff community (Chat community id), Rustmail's guild.</summary>
    public required string GuildId { get; set; }

    public string? ReminderContent { get; set; }

    /// <summary>Unix seconds.</summary>
    public long TriggerTime { get; set; }

    /// <summary>Unix seconds.</summary>
    public long CreatedAt { get; set; }
    public bool Completed { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var r = modelBuilder.Entity<Reminder>();
        r.ToTable("reminders");
        r.HasKey(x => x.Id);
        r.Property(x => x.UserId).HasMaxLength(64);
        r.Property(x => x.ChannelId).HasMaxLength(64);
        r.Property(x => x.GuildId).HasMaxLength(64);
        r.HasOne<Ticket>().WithMany().HasForeignKey(x => x.ThreadId).OnDelete(DeleteBehavior.Cascade);
        r.HasIndex(x => new { x.Completed, x.TriggerTime });
    }
}
