using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Groups;

/// <summary>A user's membership of a group (<c>group_members</c>).</summary>
internal sealed class GroupMember
{
    public Guid GroupId { get; set; }
    public Guid UserId { get; set; }
    public string Role { get; set; } = GroupRoles.Member;
    public DateTime JoinedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var member = modelBuilder.Entity<GroupMember>();
        member.ToTable("group_members");
        member.HasKey(m => new { m.GroupId, m.UserId });
        member.Property(m => m.Role).HasMaxLength(16).HasDefaultValue(GroupRoles.Member);
        member.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        member.HasIndex(m => m.UserId);
    }
}
