using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Polls;

/// <summary>A poll in a channel (<c>polls</c>); <see cref="Options"/> is a JSON array of the option texts.</summary>
public sealed class Poll
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ChannelId { get; set; }

    public Guid CreatedBy { get; set; }
    public required string Question { get; set; }

    /// <summary>JSON array of strings; a vote names an option by its index.</summary>
    public required string Options { get; set; }
    public bool MultiSelect { get; set; }
    public bool Anonymous { get; set; }
    public bool Closed { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var poll = modelBuilder.Entity<Poll>();
        poll.ToTable("polls");
        poll.HasOne<Channels.Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        poll.HasKey(p => p.Id);
        poll.HasIndex(p => new { p.ChannelId, p.CreatedAt });
        poll.HasIndex(p => p.CreatedBy);
    }
}
