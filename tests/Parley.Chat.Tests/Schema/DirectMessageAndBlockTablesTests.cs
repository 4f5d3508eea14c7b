using Microsoft.EntityFrameworkCore;
using Parley.Chat.Blocks;
using Parley.Chat.Channels;
using Parley.Chat.DirectMessages;
using Parley.Tests.Infrastructure;
using static Parley.Chat.Tests.Schema.ChatRows;

namespace Parley.Chat.Tests.Schema;

public sealed class DirectMessageAndBlockTablesTests
{
    private static Channel NewDm() => new() { Name = "dm", ChannelType = ChannelTypes.Dm, CreatedBy = Guid.CreateVersion7(), CreatedAt = At, UpdatedAt = At };

    [Theory, BothProviders]
    public async Task A_dm_pair_and_a_block_read_back_as_written(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var channel = NewDm();
        var pair = DmPair.For(Guid.NewGuid(), Guid.NewGuid(), channel.Id, At);
        var block = new UserBlock { BlockerId = Guid.CreateVersion7(), BlockedId = Guid.CreateVersion7(), CreatedAt = At };

        await app.SaveAsync(channel, pair, block);

        AssertSameColumns(pair, await app.ReadAsync(db => db.DmPairs.SingleOrDefaultAsync()));
        AssertSameColumns(block, await app.ReadAsync(db => db.UserBlocks.SingleOrDefaultAsync()));
    }

    [Theory, BothProviders]
    public async Task The_database_keeps_the_lower_id_first_in_every_pair(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        // Many random pairs: the provider's ordering must agree with Guid.CompareTo for each.
        for (var i = 0; i < 20; i++)
        {
            var channel = NewDm();
            var (lower, higher) = DmPair.Order(Guid.NewGuid(), Guid.NewGuid());
            await app.SaveFailsAsync(NewDm(), new DmPair { UserA = higher, UserB = lower, ChannelId = channel.Id, CreatedAt = At });
            await app.SaveAsync(channel, new DmPair { UserA = lower, UserB = higher, ChannelId = channel.Id, CreatedAt = At });
        }
        var user = Guid.NewGuid();
        var self = NewDm();
        await app.SaveFailsAsync(self, new DmPair { UserA = user, UserB = user, ChannelId = self.Id, CreatedAt = At });
    }

    [Theory, BothProviders]
    public async Task A_pair_has_one_channel_and_a_channel_one_pair(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (one, other) = (Guid.NewGuid(), Guid.NewGuid());
        var channel = NewDm();
        await app.SaveAsync(channel, DmPair.For(one, other, channel.Id, At));

        var second = NewDm();
        await app.SaveAsync(second);
        await app.SaveFailsAsync(DmPair.For(other, one, second.Id, At));
        await app.SaveFailsAsync(DmPair.For(Guid.NewGuid(), Guid.NewGuid(), channel.Id, At));

        await app.ExecuteAsync(db => db.Channels.Where(c => c.Id == channel.Id).ExecuteDeleteAsync());
        Assert.Equal(0, await app.ReadAsync(db => db.DmPairs.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task A_user_blocks_another_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (blocker, blocked) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await app.SaveAsync(new UserBlock { BlockerId = blocker, BlockedId = blocked, CreatedAt = At });
        await app.SaveFailsAsync(new UserBlock { BlockerId = blocker, BlockedId = blocked, CreatedAt = At });
        // The other direction is a block of its own.
        await app.SaveAsync(new UserBlock { BlockerId = blocked, BlockedId = blocker, CreatedAt = At });
    }
}
