using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Keys;
using Parley.Chat.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Keys;

public sealed class KeyDirectoryStorageTests
{
    private static readonly DateTime Created = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory, BothProviders]
    public async Task An_identity_key_round_trips_and_is_one_per_user(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var userId = Guid.CreateVersion7();
        var key = new UserIdentityKey
        {
            UserId = userId,
            IdentityKey = Bytes(32, 1),
            Fingerprint = new string('a', 64),
            CreatedAt = Created,
            RotatedAt = Created.AddDays(1),
        };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.IdentityKeys.Add(key);
            await db.SaveChangesAsync();
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var read = await db.IdentityKeys.SingleAsync(k => k.UserId == userId);
            Assert.Equal(key.IdentityKey, read.IdentityKey);
            Assert.Equal(key.Fingerprint, read.Fingerprint);
            Assert.Equal(key.CreatedAt, read.CreatedAt);
            Assert.Equal(key.RotatedAt, read.RotatedAt);
            Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.IdentityKeys.Add(new UserIdentityKey { UserId = userId, IdentityKey = Bytes(32, 2), Fingerprint = "b", CreatedAt = Created });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Theory, BothProviders]
    public async Task Signed_prekeys_round_trip_and_key_ids_are_unique_per_user(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var userId = Guid.CreateVersion7();
        var prekey = new SignedPrekey { UserId = userId, KeyId = 7, PublicKey = Bytes(32, 3), Signature = Bytes(64, 4), CreatedAt = Created };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.SignedPrekeys.Add(prekey);
            // The same key id under another user is fine.
            db.SignedPrekeys.Add(new SignedPrekey { UserId = Guid.CreateVersion7(), KeyId = 7, PublicKey = Bytes(32, 3), Signature = Bytes(64, 4), CreatedAt = Created });
            await db.SaveChangesAsync();
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var read = await db.SignedPrekeys.SingleAsync(p => p.Id == prekey.Id);
            Assert.Equal(userId, read.UserId);
            Assert.Equal(7, read.KeyId);
            Assert.Equal(prekey.PublicKey, read.PublicKey);
            Assert.Equal(prekey.Signature, read.Signature);
            Assert.Equal(Created, read.CreatedAt);

            db.SignedPrekeys.Add(new SignedPrekey { UserId = userId, KeyId = 7, PublicKey = Bytes(32, 5), Signature = Bytes(64, 6), CreatedAt = Created });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Theory, BothProviders]
    public async Task One_time_prekeys_round_trip_start_unused_and_key_ids_are_unique_per_user(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var userId = Guid.CreateVersion7();
        var prekey = new OneTimePrekey { UserId = userId, KeyId = 1, PublicKey = Bytes(32, 7), Used = true, CreatedAt = Created };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.OneTimePrekeys.Add(prekey);
            await db.SaveChangesAsync();
            // The column default: a key inserted without the flag is unused.
            await ChatSql.InsertAsync(db, "one_time_prekeys", new Dictionary<string, object>
            {
                ["id"] = Guid.CreateVersion7(), ["user_id"] = userId, ["key_id"] = 2, ["public_key"] = Bytes(32, 8), ["created_at"] = Created,
            });
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var read = await db.OneTimePrekeys.SingleAsync(p => p.Id == prekey.Id);
            Assert.Equal(userId, read.UserId);
            Assert.Equal(1, read.KeyId);
            Assert.Equal(prekey.PublicKey, read.PublicKey);
            Assert.True(read.Used);
            Assert.Equal(Created, read.CreatedAt);
            Assert.False((await db.OneTimePrekeys.SingleAsync(p => p.KeyId == 2)).Used);

            db.OneTimePrekeys.Add(new OneTimePrekey { UserId = userId, KeyId = 1, PublicKey = Bytes(32, 9), CreatedAt = Created });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Theory, BothProviders]
    public async Task A_sender_key_distribution_round_trips_and_is_one_per_channel_and_user(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.EnsureChannelsAsync();
        var channelId = ChatData.Channel;
        var userId = Guid.CreateVersion7();
        var distribution = new SenderKeyDistribution
        {
            ChannelId = channelId, UserId = userId, ChainId = 42, Distribution = """{"chain_key":"AAEC","iteration":3}""", CreatedAt = Created,
        };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.SenderKeyDistributions.Add(distribution);
            await db.SaveChangesAsync();
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var read = await db.SenderKeyDistributions.SingleAsync(d => d.Id == distribution.Id);
            Assert.Equal(channelId, read.ChannelId);
            Assert.Equal(userId, read.UserId);
            Assert.Equal(42, read.ChainId);
            Assert.Equal(distribution.Distribution, read.Distribution);
            Assert.Equal(Created, read.CreatedAt);

            db.SenderKeyDistributions.Add(new SenderKeyDistribution { ChannelId = channelId, UserId = userId, ChainId = 43, CreatedAt = Created });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    private static byte[] Bytes(int length, byte seed) => Enumerable.Range(0, length).Select(i => (byte)(seed + i)).ToArray();
}
