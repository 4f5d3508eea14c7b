using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Communities;

/// <summary>A user barred from a community (<c>community_bans</c>).</summary>
internal sealed class CommunityBan
{
    public Guid CommunityId { get; set; }
    public Guid UserId { get; set; }
    public Guid BannedBy { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var ban = modelBuilder.Entity<CommunityBan>();
        ban.ToTable("community_bans");
        ban.HasKey(b => new { b.CommunityId, b.UserId });
        ban.HasOne<Community>().WithMany().HasForeignKey(b => b.CommunityId).OnDelete(DeleteBehavior.Cascade);
        ban.HasIndex(b => b.UserId);
    }
}
