using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Communities;

/// <summary>A code that lets people join a community (<c>community_invites</c>).</summary>
internal sealed class CommunityInvite
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CommunityId { get; set; }
    public required string Code { get; set; }
    public Guid CreatedBy { get; set; }

    /// <summary>Null means unlimited.</summary>
    public int? MaxUses { get; set; }
    public int UsedCount { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var invite = modelBuilder.Entity<CommunityInvite>();
        invite.ToTable("community_invites");
        invite.HasKey(i => i.Id);
        invite.Property(i => i.Code).HasMaxLength(16);
        invite.HasIndex(i => i.Code).IsUnique();
        invite.HasOne<Community>().WithMany().HasForeignKey(i => i.CommunityId).OnDelete(DeleteBehavior.Cascade);
        invite.HasIndex(i => i.CommunityId);
        invite.HasIndex(i => i.CreatedBy);
    }
}
