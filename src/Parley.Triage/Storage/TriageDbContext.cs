using Microsoft.EntityFrameworkCore;
using Parley.Core.Storage;
using Parley.Triage.Imap;
using Parley.Triage.Audit;
using Parley.Triage.Dashboard;
using Parley.Triage.DeadLetters;
using Parley.Triage.Processing;

namespace Parley.Triage.Storage;

/// <summary>
/// Triage's database (<c>data/triage.db</c>, schema <c>triage</c>): Mailpilot's tables (seed 004, kept in
/// docs/seeds/004_mailpilot.txt).
/// </summary>
public abstract class TriageDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string ModuleName = "triage";

    internal DbSet<ImapFolderState> ImapFolderStates => Set<ImapFolderState>();
    internal DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();
    internal DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    internal DbSet<DashboardUser> DashboardUsers => Set<DashboardUser>();
    internal DbSet<DashboardSession> DashboardSessions => Set<DashboardSession>();
    internal DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();
    internal DbSet<Pipeline.PausedAccount> PausedAccounts => Set<Pipeline.PausedAccount>();
    internal DbSet<Forwarding.ForwardedMessage> ForwardedMessages => Set<Forwarding.ForwardedMessage>();
    internal DbSet<OAuth.RotatedRefreshToken> RotatedRefreshTokens => Set<OAuth.RotatedRefreshToken>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ImapFolderState.Configure(modelBuilder);
        ProcessedMessage.Configure(modelBuilder);
        AuditLogEntry.Configure(modelBuilder);
        DashboardUser.Configure(modelBuilder);
        DashboardSession.Configure(modelBuilder);
        DeadLetter.Configure(modelBuilder);
        Forwarding.ForwardedMessage.Configure(modelBuilder);
        Pipeline.PausedAccount.Configure(modelBuilder);
        OAuth.RotatedRefreshToken.Configure(modelBuilder);
        SnakeCaseNames.Apply(modelBuilder);
    }
}

/// <summary>Triage's context on SQLite; exists so SQLite has its own migrations.</summary>
public sealed class SqliteTriageDbContext(DbContextOptions<SqliteTriageDbContext> options) : TriageDbContext(options);

/// <summary>Triage's context on PostgreSQL, in schema <c>triage</c>.</summary>
public sealed class PostgresTriageDbContext(DbContextOptions<PostgresTriageDbContext> options) : TriageDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ModuleName);
        base.OnModelCreating(modelBuilder);
    }
}
