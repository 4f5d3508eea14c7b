using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Keys;

/// <summary>
/// A user's Ed25519 identity key for end-to-end encryption (<c>identity_keys</c>), one per user.
/// The server stores only the public half and its fingerprint; private keys never leave the clients.
/// </summary>
internal sealed class UserIdentityKey
{
    public const int KeyLength = 32;

    // FK to users lives in Core's database (another file on SQLite), so it is a plain column.
    public Guid UserId { get; set; }
    public byte[] IdentityKey { get; set; } = [];
    public string Fingerprint { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RotatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var key = modelBuilder.Entity<UserIdentityKey>();
        key.ToTable("identity_keys");
        key.HasKey(k => k.UserId);
        key.Property(k => k.UserId).ValueGeneratedNever();
        key.Property(k => k.IdentityKey).HasMaxLength(KeyLength);
        key.Property(k => k.Fingerprint).HasMaxLength(64);
    }
}
