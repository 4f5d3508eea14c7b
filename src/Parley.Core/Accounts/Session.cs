using Microsoft.EntityFrameworkCore;

namespace Parley.Core.Accounts;

/// <summary>
/// A signed-in device (<c>sessions</c>): the family of refresh tokens born from one sign-in.
/// Revoking it ends every token of the family and every access token that names it.
/// </summary>
public sealed class Session
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public string? DeviceName { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var session = modelBuilder.Entity<Session>();
        session.ToTable("sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.DeviceName).HasMaxLength(128);
        session.Property(s => s.RevokedReason).HasMaxLength(64);
        session.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => s.UserId);
    }
}
