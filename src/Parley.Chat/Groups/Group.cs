using Microsoft.EntityFrameworkCore;
using Parley.Chat.Communities;

namespace Parley.Chat.Groups;

/// <summary>A group of channels inside a community (<c>groups</c>).</summary>
internal sealed class Group
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Description { get; set; }
    public Guid CommunityId { get; set; }
    public Guid OwnerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var group = modelBuilder.Entity<Group>();
        group.ToTable("groups");
        group.HasKey(g => g.Id);
        group.Property(g => g.Name).HasMaxLength(64);
        group.HasOne<Community>().WithMany().HasForeignKey(g => g.CommunityId).OnDelete(DeleteBehavior.Cascade);
        group.HasIndex(g => g.CommunityId);
        group.HasIndex(g => g.OwnerId);
    }
}
