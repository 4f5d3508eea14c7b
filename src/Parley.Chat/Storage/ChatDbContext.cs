using Microsoft.EntityFrameworkCore;
using Parley.Chat.Announcements;
using Parley.Chat.Keys;
using Parley.Chat.Preferences;
using Parley.Chat.Voice;
using Parley.Core.Storage;

namespace Parley.Chat.Storage;

/// <summary>Chat's database (<c>data/chat.db</c>, schema <c>chat</c>): Chatalot's tables (seed 003, kept in docs/seeds).</summary>
public abstract class ChatDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string ModuleName = "chat";

    internal DbSet<UserIdentityKey> IdentityKeys => Set<UserIdentityKey>();
    internal DbSet<SignedPrekey> SignedPrekeys => Set<SignedPrekey>();
    internal DbSet<OneTimePrekey> OneTimePrekeys => Set<OneTimePrekey>();
    internal DbSet<SenderKeyDistribution> SenderKeyDistributions => Set<SenderKeyDistribution>();
    internal DbSet<VoiceSession> VoiceSessions => Set<VoiceSession>();
    internal DbSet<VoiceSessionParticipant> VoiceSessionParticipants => Set<VoiceSessionParticipant>();
    internal DbSet<Announcement> Announcements => Set<Announcement>();
    internal DbSet<AnnouncementDismissal> AnnouncementDismissals => Set<AnnouncementDismissal>();
    internal DbSet<UserPreferences> UserPreferences => Set<UserPreferences>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        UserIdentityKey.Configure(modelBuilder);
        SignedPrekey.Configure(modelBuilder);
        OneTimePrekey.Configure(modelBuilder);
        SenderKeyDistribution.Configure(modelBuilder);
        VoiceSession.Configure(modelBuilder);
        VoiceSessionParticipant.Configure(modelBuilder);
        Announcement.Configure(modelBuilder);
        AnnouncementDismissal.Configure(modelBuilder);
        Preferences.UserPreferences.Configure(modelBuilder);
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
