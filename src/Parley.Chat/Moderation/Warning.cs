using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Moderation;

/// <summary>A formal warning to a user in a channel (<c>warnings</c>).</summary>
public sealed class Warning
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }

    public Guid ChannelId { get; set; }

    public Guid IssuedBy { get; set; }
    public required string Reason { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var warning = modelBuilder.Entity<Warning>();
        warning.ToTable("warnings");
        warning.HasOne<Channels.Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        warning.HasKey(w => w.Id);
        warning.HasIndex(w => new { w.ChannelId, w.UserId });
        warning.HasIndex(w => new { w.UserId, w.CreatedAt });
    }
}
