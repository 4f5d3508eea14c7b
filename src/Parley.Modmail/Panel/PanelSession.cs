using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Panel;

/// <summary>
/// A web panel session (<c>sessions_panel</c>). Panel sign-in is Parley's own (Core accounts and sessions), so a row
/// records a Core session's use of the panel: <see cref="SessionId"/> is the SHA-256 (hex) of the Core session id, and
/// the Discord OAuth2 token columns stay null until the Discord transport signs people in with Discord.
/// </summary>
internal sealed class PanelSession
{
    public required string SessionId { get; set; }

    /// <summary>The Parley user id.</summary>
    public required string UserId { get; set; }
    public string? AccessToken { get; set; }
    public string? RefreshToken { get; set; }

    /// <summary>Unix seconds.</summary>
    public long ExpiresAt { get; set; }
    public string? AvatarHash { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var s = modelBuilder.Entity<PanelSession>();
        s.ToTable("sessions_panel");
        s.HasKey(x => x.SessionId);
        s.Property(x => x.SessionId).HasMaxLength(128);
        s.Property(x => x.UserId).HasMaxLength(64);
        s.HasIndex(x => x.UserId);
        s.HasIndex(x => x.ExpiresAt);
    }
}
