using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Communities;

/// <summary>A top-level container of groups and channels (<c>communities</c>).</summary>
internal sealed class Community
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? IconUrl { get; set; }
    public string? BannerUrl { get; set; }

    /// <summary>Hex colour, <c>#rrggbb</c>.</summary>
    public string? AccentColor { get; set; }

    /// <summary>A user in Core's database: no foreign key crosses databases.</summary>
    public Guid OwnerId { get; set; }
    public bool Discoverable { get; set; }

    /// <summary>JSON object.</summary>
    public string? CommunityTheme { get; set; }
    public string? WelcomeMessage { get; set; }

    /// <summary>The lowest community role that may create groups (<see cref="CommunityRoles"/>).</summary>
    public string WhoCanCreateGroups { get; set; } = CommunityRoles.Admin;

    /// <summary>The lowest community role that may create invites (<see cref="CommunityRoles"/>).</summary>
    public string WhoCanCreateInvites { get; set; } = CommunityRoles.Admin;

    /// <summary>JSON: what repeated warnings escalate to.</summary>
    public string? WarnEscalation { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var community = modelBuilder.Entity<Community>();
        community.ToTable("communities");
        community.HasKey(c => c.Id);
        community.Property(c => c.Name).HasMaxLength(64);
        community.Property(c => c.AccentColor).HasMaxLength(7);
        community.Property(c => c.WhoCanCreateGroups).HasMaxLength(16).HasDefaultValue(CommunityRoles.Admin);
        community.Property(c => c.WhoCanCreateInvites).HasMaxLength(16).HasDefaultValue(CommunityRoles.Admin);
        community.HasIndex(c => c.OwnerId);
    }
}
