using Microsoft.EntityFrameworkCore;
using Parley.Chat.Files;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Files;

public sealed class FileDataTests
{
    [Theory, BothProviders]
    public async Task A_file_with_every_column_set_reads_back_equal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var file = new ChatFile
        {
            UploaderId = Guid.CreateVersion7(),
            EncryptedName = new string('n', 512),
            SizeBytes = 5_000_000_000,
            ContentType = "image/png",
            StoragePath = "ab/cd/abcdef",
            Checksum = new string('a', 64),
            ChannelId = ChatData.Channel,
            QuarantinedAt = ChatData.T0.AddHours(1),
            QuarantinedBy = Guid.CreateVersion7(),
            CreatedAt = ChatData.T0,
        };
        await app.AddAsync(file);

        Assert.Equivalent(file, await app.WithDbAsync(db => db.Files.SingleAsync()), strict: true);
    }

    [Theory, BothProviders]
    public async Task A_file_with_a_negative_size_is_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        await app.AssertRejectedAsync(new ChatFile { EncryptedName = "x", SizeBytes = -1, StoragePath = "p", Checksum = "c", CreatedAt = ChatData.T0 });
    }

    [Theory, BothProviders]
    public async Task A_hash_is_blocked_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var blocked = new BlockedHash { Hash = new string('f', 64), Reason = "malware", BlockedBy = Guid.CreateVersion7(), CreatedAt = ChatData.T0 };
        await app.AddAsync(blocked);

        Assert.Equivalent(blocked, await app.WithDbAsync(db => db.BlockedHashes.SingleAsync()), strict: true);
        await app.AssertRejectedAsync(new BlockedHash { Hash = new string('f', 64), BlockedBy = Guid.CreateVersion7(), CreatedAt = ChatData.T0 });
    }
}
