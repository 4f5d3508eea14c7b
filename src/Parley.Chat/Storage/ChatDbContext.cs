using Microsoft.EntityFrameworkCore;
using Parley.Chat.Announcements;
using Parley.Chat.Blocks;
using Parley.Chat.Bookmarks;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.DirectMessages;
using Parley.Chat.Emojis;
using Parley.Chat.Files;
using Parley.Chat.Groups;
using Parley.Chat.IncomingWebhooks;
using Parley.Chat.Keys;
using Parley.Chat.Messages;
using Parley.Chat.Moderation;
using Parley.Chat.Polls;
using Parley.Chat.Preferences;
using Parley.Chat.ScheduledMessages;
using Parley.Chat.Voice;
using Parley.Core.Storage;

namespace Parley.Chat.Storage;

/// <summary>Chat's database (<c>data/chat.db</c>, schema <c>chat</c>): Chatalot's tables (seed 003, kept in docs/seeds).</summary>
public abstract class ChatDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string ModuleName = "chat";

    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageEdit> MessageEdits => Set<MessageEdit>();
    public DbSet<Reaction> Reactions => Set<Reaction>();
    public DbSet<PinnedMessage> PinnedMessages => Set<PinnedMessage>();
    public DbSet<ReadCursor> ReadCursors => Set<ReadCursor>();
    public DbSet<ChatFile> Files => Set<ChatFile>();
    public DbSet<BlockedHash> BlockedHashes => Set<BlockedHash>();
    public DbSet<Poll> Polls => Set<Poll>();
    public DbSet<PollVote> PollVotes => Set<PollVote>();
    public DbSet<ScheduledMessage> ScheduledMessages => Set<ScheduledMessage>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<UserTimeout> UserTimeouts => Set<UserTimeout>();
    public DbSet<Warning> Warnings => Set<Warning>();
    public DbSet<Report> Reports => Set<Report>();
    internal DbSet<UserIdentityKey> IdentityKeys => Set<UserIdentityKey>();
    internal DbSet<SignedPrekey> SignedPrekeys => Set<SignedPrekey>();
    internal DbSet<OneTimePrekey> OneTimePrekeys => Set<OneTimePrekey>();
    internal DbSet<SenderKeyDistribution> SenderKeyDistributions => Set<SenderKeyDistribution>();
    internal DbSet<VoiceSession> VoiceSessions => Set<VoiceSession>();
    internal DbSet<VoiceSessionParticipant> VoiceSessionParticipants => Set<VoiceSessionParticipant>();
    internal DbSet<Announcement> Announcements => Set<Announcement>();
    internal DbSet<AnnouncementDismissal> AnnouncementDismissals => Set<AnnouncementDismissal>();
    internal DbSet<UserPreferences> UserPreferences => Set<UserPreferences>();
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
        Message.Configure(modelBuilder);
        MessageEdit.Configure(modelBuilder);
        Reaction.Configure(modelBuilder);
        PinnedMessage.Configure(modelBuilder);
        ReadCursor.Configure(modelBuilder);
        ChatFile.Configure(modelBuilder);
        BlockedHash.Configure(modelBuilder);
        Poll.Configure(modelBuilder);
        PollVote.Configure(modelBuilder);
        ScheduledMessage.Configure(modelBuilder);
        Bookmark.Configure(modelBuilder);
        UserTimeout.Configure(modelBuilder);
        Warning.Configure(modelBuilder);
        Report.Configure(modelBuilder);
        UserIdentityKey.Configure(modelBuilder);
        SignedPrekey.Configure(modelBuilder);
        OneTimePrekey.Configure(modelBuilder);
        SenderKeyDistribution.Configure(modelBuilder);
        VoiceSession.Configure(modelBuilder);
        VoiceSessionParticipant.Configure(modelBuilder);
        Announcement.Configure(modelBuilder);
        AnnouncementDismissal.Configure(modelBuilder);
        Preferences.UserPreferences.Configure(modelBuilder);
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
