using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Storage;

namespace Parley.Core.Security;

/// <summary>
/// The instance's own secrets (<c>instance_keys</c>): created once, shared by every node through
/// Core's database, cached in memory. <see cref="Encrypt"/> seals values the server must read back
/// (TOTP keys, webhook signing secrets) with AES-256-GCM under a key per purpose.
/// </summary>
public sealed class InstanceKeyring(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string JwtSigningKey = "jwt-signing";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    /// <summary>The 64-byte key of <paramref name="name"/>, created on first use.</summary>
    public byte[] GetKey(string name) => _cache.GetOrAdd(name, LoadOrCreate);

    public byte[] Encrypt(string purpose, ReadOnlySpan<byte> plaintext)
    {
        var key = GetKey("encryption:" + purpose).AsSpan(0, 32);
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    public byte[] Decrypt(string purpose, ReadOnlySpan<byte> sealedValue)
    {
        if (sealedValue.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Sealed value is too short.");
        }
        var key = GetKey("encryption:" + purpose).AsSpan(0, 32);
        var length = sealedValue.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedValue[..NonceSize], sealedValue.Slice(NonceSize, length), sealedValue[(NonceSize + length)..], plaintext, Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }

    private byte[] LoadOrCreate(string name)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var existing = db.InstanceKeys.AsNoTracking().FirstOrDefault(k => k.Name == name);
        if (existing is not null)
        {
            return existing.Value;
        }
        db.InstanceKeys.Add(new InstanceKey { Name = name, Value = RandomNumberGenerator.GetBytes(64), CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            // Another node created it first; theirs is the one.
        }
        using var reread = scopes.CreateScope();
        return reread.ServiceProvider.GetRequiredService<CoreDbContext>().InstanceKeys.AsNoTracking().First(k => k.Name == name).Value;
    }
}
