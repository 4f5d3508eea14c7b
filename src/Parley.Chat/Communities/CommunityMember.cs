using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Communities;

/// <summary>A user's membership of a community and their role in it (<c>community_members</c>).</summary>
internal sealed class CommunityMember
{
    public Guid CommunityId { get; set; }
    public Guid UserId { get; set; }
    public string Role { get; set; } = CommunityRoles.Member;
    public string? Nickname { get; set; }
    public DateTime JoinedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var member = modelBuilder.Entity<CommunityMember>();
        member.ToTable("community_members");
        member.HasKey(m => new { m.CommunityId, m.UserId });
        member.Property(m => m.Role).HasMaxLength(16).HasDefaultValue(CommunityRoles.Member);
        member.Property(m => m.Nickname).HasMaxLength(64);
        member.HasOne<Community>().WithMany().HasForeignKey(m => m.CommunityId).OnDelete(DeleteBehavior.Cascade);
        // "My communities" looks members up by user.
        member.HasIndex(m => m.UserId);
    }
}
