using Microsoft.EntityFrameworkCore;
using Parley.Chat.Groups;

namespace Parley.Chat.Channels;

/// <summary>A user's membership of a channel (<c>channel_members</c>).</summary>
internal sealed class ChannelMember
{
    public Guid ChannelId { get; set; }
    public Guid UserId { get; set; }
    public string Role { get; set; } = GroupRoles.Member;
    public DateTime JoinedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var member = modelBuilder.Entity<ChannelMember>();
        member.ToTable("channel_members");
        member.HasKey(m => new { m.ChannelId, m.UserId });
        member.Property(m => m.Role).HasMaxLength(16).HasDefaultValue(GroupRoles.Member);
        member.HasOne<Channel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
        member.HasIndex(m => m.UserId);
    }
}
