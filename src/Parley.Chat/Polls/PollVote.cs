using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Polls;

/// <summary>One user's choice of one option (<c>poll_votes</c>); a multi-select vote is several rows.</summary>
public sealed class PollVote
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PollId { get; set; }
    public Guid UserId { get; set; }
    public int OptionIndex { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var vote = modelBuilder.Entity<PollVote>();
        vote.ToTable("poll_votes", t => t.HasCheckConstraint("ck_poll_votes_option_index", "option_index >= 0"));
        vote.HasKey(v => v.Id);
        vote.HasOne<Poll>().WithMany().HasForeignKey(v => v.PollId).OnDelete(DeleteBehavior.Cascade);
        vote.HasIndex(v => new { v.PollId, v.UserId, v.OptionIndex }).IsUnique();
        vote.HasIndex(v => v.UserId);
    }
}
