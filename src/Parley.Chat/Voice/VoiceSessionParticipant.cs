using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Voice;

/// <summary>Someone in a voice session (<c>voice_session_participants</c>); <see cref="LeftAt"/> is null while connected.</summary>
internal sealed class VoiceSessionParticipant
{
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    public DateTime JoinedAt { get; set; }
    public DateTime? LeftAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var participant = modelBuilder.Entity<VoiceSessionParticipant>();
        participant.ToTable("voice_session_participants");
        participant.HasKey(p => new { p.SessionId, p.UserId });
        participant.HasOne<VoiceSession>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
        participant.HasIndex(p => p.UserId);
    }
}
