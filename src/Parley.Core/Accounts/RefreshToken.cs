using Microsoft.EntityFrameworkCore;

namespace Parley.Core.Accounts;

/// <summary>
/// A refresh token (<c>refresh_tokens</c>, Chatalot's columns): only its SHA-256 is stored.
/// Each use rotates it: the old row gets <see cref="UsedAt"/>, a new row is born in the same session.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid SessionId { get; set; }
    public required byte[] TokenHash { get; set; }
    public string? DeviceName { get; set; }
    public string? IpAddress { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public Guid? ReplacedById { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var token = modelBuilder.Entity<RefreshToken>();
        token.ToTable("refresh_tokens");
        token.HasKey(t => t.Id);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.Property(t => t.DeviceName).HasMaxLength(128);
        token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.HasOne<Session>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        token.HasIndex(t => t.SessionId);
    }
}
