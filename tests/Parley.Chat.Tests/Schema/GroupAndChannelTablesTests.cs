using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.Groups;
using Parley.Chat.IncomingWebhooks;
using Parley.Tests.Infrastructure;
using static Parley.Chat.Tests.Schema.ChatRows;

namespace Parley.Chat.Tests.Schema;

public sealed class GroupAndChannelTablesTests
{
    private static readonly Guid Someone = Guid.CreateVersion7();

    private static (Community, Group, Channel) NewTree()
    {
        var community = new Community { Name = "c", OwnerId = Someone, CreatedAt = At, UpdatedAt = At };
        var group = new Group { Name = "General", Description = "talk", CommunityId = community.Id, OwnerId = Someone, CreatedAt = At, UpdatedAt = At.AddSeconds(1) };
        var channel = new Channel
        {
            Name = "lobby",
            ChannelType = ChannelTypes.Voice,
            GroupId = group.Id,
            Topic = "anything",
            ReadOnly = true,
            SlowModeSeconds = 30,
            Archived = true,
            MessageTtlSeconds = 3600,
            VoiceBackground = "https://example.test/bg.png",
            CreatedBy = Someone,
            CreatedAt = At,
            UpdatedAt = At.AddSeconds(2),
        };
        return (community, group, channel);
    }

    [Theory, BothProviders]
    public async Task Every_group_and_channel_column_reads_back_as_written(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (community, group, channel) = NewTree();
        var groupMember = new GroupMember { GroupId = group.Id, UserId = Someone, Role = GroupRoles.Admin, JoinedAt = At };
        var channelMember = new ChannelMember { ChannelId = channel.Id, UserId = Someone, Role = GroupRoles.Owner, JoinedAt = At };
        var ban = new ChannelBan { ChannelId = channel.Id, UserId = Guid.CreateVersion7(), BannedBy = Someone, Reason = "rude", BannedAt = At };
        var mark = new SlowModeMark { ChannelId = channel.Id, UserId = Someone, LastSent = At };
        var webhook = new ChatWebhook { ChannelId = channel.Id, Name = "CI", Token = "tok_123", CreatedBy = Someone, AvatarUrl = "https://example.test/ci.png", Active = false, CreatedAt = At };

        await app.SaveAsync(community, group, channel, groupMember, channelMember, ban, mark, webhook);

        AssertSameColumns(group, await app.ReadAsync(db => db.Groups.SingleOrDefaultAsync()));
        AssertSameColumns(groupMember, await app.ReadAsync(db => db.GroupMembers.SingleOrDefaultAsync()));
        AssertSameColumns(channel, await app.ReadAsync(db => db.Channels.SingleOrDefaultAsync()));
        AssertSameColumns(channelMember, await app.ReadAsync(db => db.ChannelMembers.SingleOrDefaultAsync()));
        AssertSameColumns(ban, await app.ReadAsync(db => db.ChannelBans.SingleOrDefaultAsync()));
        AssertSameColumns(mark, await app.ReadAsync(db => db.SlowModeMarks.SingleOrDefaultAsync()));
        AssertSameColumns(webhook, await app.ReadAsync(db => db.ChatWebhooks.SingleOrDefaultAsync()));
    }

    [Theory, BothProviders]
    public async Task Memberships_bans_and_webhook_tokens_are_unique(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (community, group, channel) = NewTree();
        await app.SaveAsync(community, group, channel,
            new GroupMember { GroupId = group.Id, UserId = Someone, JoinedAt = At },
            new ChannelMember { ChannelId = channel.Id, UserId = Someone, JoinedAt = At },
            new ChannelBan { ChannelId = channel.Id, UserId = Someone, BannedBy = Someone, BannedAt = At },
            new SlowModeMark { ChannelId = channel.Id, UserId = Someone, LastSent = At },
            new ChatWebhook { ChannelId = channel.Id, Name = "a", Token = "same", CreatedBy = Someone, CreatedAt = At });

        await app.SaveFailsAsync(new GroupMember { GroupId = group.Id, UserId = Someone, JoinedAt = At });
        await app.SaveFailsAsync(new ChannelMember { ChannelId = channel.Id, UserId = Someone, JoinedAt = At });
        await app.SaveFailsAsync(new ChannelBan { ChannelId = channel.Id, UserId = Someone, BannedBy = Someone, BannedAt = At });
        await app.SaveFailsAsync(new SlowModeMark { ChannelId = channel.Id, UserId = Someone, LastSent = At });
        await app.SaveFailsAsync(new ChatWebhook { ChannelId = channel.Id, Name = "b", Token = "same", CreatedBy = Someone, CreatedAt = At });
    }

    [Theory, BothProviders]
    public async Task The_database_refuses_an_unknown_channel_type_and_slow_mode_out_of_range(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (community, group, _) = NewTree();
        await app.SaveAsync(community, group);

        await app.SaveFailsAsync(new Channel { Name = "x", ChannelType = "stage", GroupId = group.Id, CreatedBy = Someone, CreatedAt = At, UpdatedAt = At });
        await app.SaveFailsAsync(new Channel { Name = "x", GroupId = group.Id, SlowModeSeconds = -1, CreatedBy = Someone, CreatedAt = At, UpdatedAt = At });
        await app.SaveFailsAsync(new Channel { Name = "x", GroupId = group.Id, SlowModeSeconds = 86_401, CreatedBy = Someone, CreatedAt = At, UpdatedAt = At });
        await app.SaveAsync(new Channel { Name = "x", GroupId = group.Id, SlowModeSeconds = 86_400, CreatedBy = Someone, CreatedAt = At, UpdatedAt = At });
        // A DM channel belongs to no group.
        await app.SaveAsync(new Channel { Name = "dm", ChannelType = ChannelTypes.Dm, CreatedBy = Someone, CreatedAt = At, UpdatedAt = At });
    }

    [Theory, BothProviders]
    public async Task Deleting_a_community_takes_its_groups_channels_and_their_rows(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (community, group, channel) = NewTree();
        await app.SaveAsync(community, group, channel,
            new GroupMember { GroupId = group.Id, UserId = Someone, JoinedAt = At },
            new ChannelMember { ChannelId = channel.Id, UserId = Someone, JoinedAt = At },
            new ChannelBan { ChannelId = channel.Id, UserId = Someone, BannedBy = Someone, BannedAt = At },
            new SlowModeMark { ChannelId = channel.Id, UserId = Someone, LastSent = At },
            new ChatWebhook { ChannelId = channel.Id, Name = "a", Token = "t", CreatedBy = Someone, CreatedAt = At });

        await app.ExecuteAsync(db => db.Communities.ExecuteDeleteAsync());

        Assert.Equal(0, await app.ReadAsync(db => db.Groups.CountAsync()));
        Assert.Equal(0, await app.ReadAsync(db => db.GroupMembers.CountAsync()));
        Assert.Equal(0, await app.ReadAsync(db => db.Channels.CountAsync()));
        Assert.Equal(0, await app.ReadAsync(db => db.ChannelMembers.CountAsync()));
        Assert.Equal(0, await app.ReadAsync(db => db.ChannelBans.CountAsync()));
        Assert.Equal(0, await app.ReadAsync(db => db.SlowModeMarks.CountAsync()));
        Assert.Equal(0, await app.ReadAsync(db => db.ChatWebhooks.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task A_channel_needs_an_existing_group(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.SaveFailsAsync(new Channel { Name = "x", GroupId = Guid.CreateVersion7(), CreatedBy = Someone, CreatedAt = At, UpdatedAt = At });
    }
}
