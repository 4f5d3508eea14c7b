using Microsoft.EntityFrameworkCore;
using Parley.Chat.Blocks;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.DirectMessages;
using Parley.Chat.Emojis;
using Parley.Chat.Groups;
using Parley.Chat.IncomingWebhooks;
using Parley.Core.Storage;

namespace Parley.Chat.Storage;

/// <summary>Chat's database (<c>data/chat.db</c>, schema <c>chat</c>): Chatalot's tables (seed 003, kept in docs/seeds).</summary>
public abstract class ChatDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string ModuleName = "chat";

    internal DbSet<Community> Communities => Set<Community>();
    internal DbSet<CommunityMember> CommunityMembers => Set<CommunityMember>();
    internal DbSet<CommunityInvite> CommunityInvites => Set<CommunityInvite>();
    internal DbSet<CommunityBan> CommunityBans => Set<CommunityBan>();
    internal DbSet<Group> Groups => Set<Group>();
    internal DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    internal DbSet<Channel> Channels => Set<Channel>();
    internal DbSet<ChannelMember> ChannelMembers => Set<ChannelMember>();
    internal DbSet<ChannelBan> ChannelBans => Set<ChannelBan>();
    internal DbSet<SlowModeMark> SlowModeMarks => Set<SlowModeMark>();
    internal DbSet<DmPair> DmPairs => Set<DmPair>();
    internal DbSet<UserBlock> UserBlocks => Set<UserBlock>();
    internal DbSet<CustomEmoji> CustomEmojis => Set<CustomEmoji>();
    internal DbSet<ChatWebhook> ChatWebhooks => Set<ChatWebhook>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        Community.Configure(modelBuilder);
        CommunityMember.Configure(modelBuilder);
        CommunityInvite.Configure(modelBuilder);
        CommunityBan.Configure(modelBuilder);
        Group.Configure(modelBuilder);
        GroupMember.Configure(modelBuilder);
        Channel.Configure(modelBuilder);
        ChannelMember.Configure(modelBuilder);
        ChannelBan.Configure(modelBuilder);
        SlowModeMark.Configure(modelBuilder);
        DmPair.Configure(modelBuilder);
        UserBlock.Configure(modelBuilder);
        CustomEmoji.Configure(modelBuilder);
        ChatWebhook.Configure(modelBuilder);
        SnakeCaseNames.Apply(modelBuilder);
    }
}

/// <summary>Chat's context on SQLite; exists so SQLite has its own migrations.</summary>
public sealed class SqliteChatDbContext(DbContextOptions<SqliteChatDbContext> options) : ChatDbContext(options);

/// <summary>Chat's context on PostgreSQL, in schema <c>chat</c>.</summary>
public sealed class PostgresChatDbContext(DbContextOptions<PostgresChatDbContext> options) : ChatDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ModuleName);
        base.OnModelCreating(modelBuilder);
    }
}
