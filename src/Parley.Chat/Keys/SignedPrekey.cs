using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Keys;

/// <summary>An X3DH signed prekey (<c>signed_prekeys</c>): an X25519 public key signed by the user's identity key.</summary>
internal sealed class SignedPrekey
{
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public int KeyId { get; set; }
    public byte[] PublicKey { get; set; } = [];
    public byte[] Signature { get; set; } = [];
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var prekey = modelBuilder.Entity<SignedPrekey>();
        prekey.ToTable("signed_prekeys");
        prekey.HasKey(p => p.Id);
        prekey.Property(p => p.PublicKey).HasMaxLength(PublicKeyLength);
        prekey.Property(p => p.Signature).HasMaxLength(SignatureLength);
        prekey.HasIndex(p => new { p.UserId, p.KeyId }).IsUnique();
    }
}
