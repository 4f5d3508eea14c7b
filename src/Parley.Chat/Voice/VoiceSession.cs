using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Voice;

/// <summary>A voice/video session in a channel (<c>voice_sessions</c>); <see cref="EndedAt"/> is null while it is active.</summary>
internal sealed class VoiceSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ChannelId { get; set; }
    public Guid StartedBy { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var session = modelBuilder.Entity<VoiceSession>();
        session.ToTable("voice_sessions");
        session.HasOne<Channels.Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        session.HasKey(s => s.Id);
        session.HasIndex(s => s.ChannelId);
        session.HasIndex(s => s.StartedBy);
    }
}
