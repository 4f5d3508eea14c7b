using Microsoft.EntityFrameworkCore;
using Parley.Chat.Groups;

namespace Parley.Chat.Channels;

/// <summary>A text, voice or direct-message channel (<c>channels</c>).</summary>
internal sealed class Channel
{
    public const int MaxSlowModeSeconds = 86_400;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string ChannelType { get; set; } = ChannelTypes.Text;

    /// <summary>Null for direct-message channels, which belong to no group.</summary>
    public Guid? GroupId { get; set; }
    public string? Topic { get; set; }
    public bool ReadOnly { get; set; }

    /// <summary>0 means off.</summary>
    public int SlowModeSeconds { get; set; }
    public bool Archived { get; set; }

    /// <summary>Messages are deleted this long after they are sent; null keeps them.</summary>
    public int? MessageTtlSeconds { get; set; }
    public string? VoiceBackground { get; set; }
    /// <summary>
    /// Parley's: a channel only its <c>channel_members</c> see — no self-join, not listed or announced to anyone else,
    /// community moderators included (Modmail's ticket channels; members are added by the server).
    /// </summary>
    public bool IsPrivate { get; set; }

    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var channel = modelBuilder.Entity<Channel>();
        channel.ToTable("channels", t =>
        {
            // The database refuses what no code path should write, so a bug cannot store it.
            t.HasCheckConstraint("ck_channels_channel_type", "channel_type IN ('text', 'voice', 'dm')");
            t.HasCheckConstraint("ck_channels_slow_mode_seconds", $"slow_mode_seconds BETWEEN 0 AND {MaxSlowModeSeconds}");
        });
        channel.HasKey(c => c.Id);
        channel.Property(c => c.Name).HasMaxLength(64);
        channel.Property(c => c.ChannelType).HasMaxLength(16);
        channel.HasOne<Group>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Cascade);
        channel.HasIndex(c => c.GroupId);
        channel.HasIndex(c => c.CreatedBy);
    }
}
