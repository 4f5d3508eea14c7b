using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Keys;

/// <summary>An X3DH one-time prekey (<c>one_time_prekeys</c>): handed out once in a bundle, then marked used.</summary>
internal sealed class OneTimePrekey
{
    public const int PublicKeyLength = 32;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public int KeyId { get; set; }
    public byte[] PublicKey { get; set; } = [];
    public bool Used { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var prekey = modelBuilder.Entity<OneTimePrekey>();
        prekey.ToTable("one_time_prekeys");
        prekey.HasKey(p => p.Id);
        prekey.Property(p => p.PublicKey).HasMaxLength(PublicKeyLength);
        prekey.Property(p => p.Used).HasDefaultValue(false);
        prekey.HasIndex(p => new { p.UserId, p.KeyId }).IsUnique();
        // Bundle fetches only ever look for unused keys; used ones are dead weight in the index.
        // "NOT used" is valid SQL on both providers (SQLite stores the flag as 0/1).
        prekey.HasIndex(p => new { p.UserId, p.Used }).HasFilter("NOT used");
    }
}
