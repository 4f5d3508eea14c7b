namespace Parley.Chat.Keys;

internal sealed record IdentityKeyRequest(string IdentityKey);

internal sealed record SignedPrekeyRequest(int KeyId, string PublicKey, string Signature);

internal sealed record OneTimePrekeyUpload(int KeyId, string PublicKey);

internal sealed record OneTimePrekeysRequest(List<OneTimePrekeyUpload> Prekeys);

internal sealed record IdentityKeyView(Guid UserId, byte[] IdentityKey, string Fingerprint, DateTime CreatedAt, DateTime? RotatedAt)
{
    public static IdentityKeyView From(UserIdentityKey key) => new(key.UserId, key.IdentityKey, key.Fingerprint, key.CreatedAt, key.RotatedAt);
}

internal sealed record SignedPrekeyView(int KeyId, byte[] PublicKey, byte[] Signature, DateTime CreatedAt);

internal sealed record OneTimePrekeyView(int KeyId, byte[] PublicKey);

internal sealed record PrekeyCountView(int Count);

/// <summary>What a sender needs to start an X3DH session with <see cref="UserId"/>; the one-time prekey is null when none remain.</summary>
internal sealed record PrekeyBundleView(
    Guid UserId, byte[] IdentityKey, string Fingerprint, SignedPrekeyView? SignedPrekey, OneTimePrekeyView? OneTimePrekey);
