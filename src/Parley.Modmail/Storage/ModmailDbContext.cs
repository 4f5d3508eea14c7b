using Microsoft.EntityFrameworkCore;
using Parley.Core.Storage;
using Parley.Modmail.Alerts;
using Parley.Modmail.ApiKeys;
using Parley.Modmail.Blocks;
using Parley.Modmail.Closing;
using Parley.Modmail.Desks;
using Parley.Modmail.Features;
using Parley.Modmail.Panel;
using Parley.Modmail.Reminders;
using Parley.Modmail.Snippets;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Storage;

/// <summary>
/// Modmail's database (<c>data/modmail.db</c>, schema <c>modmail</c>): Rustmail's tables (seed 001, kept in
/// docs/seeds/001_rustmail.txt) and Parley's desks, categories, support inboxes and per-ticket staff.
/// </summary>
public abstract class ModmailDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string ModuleName = "modmail";

    internal DbSet<Ticket> Tickets => Set<Ticket>();
    internal DbSet<TicketMessage> TicketMessages => Set<TicketMessage>();
    internal DbSet<TicketStatusChange> TicketStatusChanges => Set<TicketStatusChange>();
    internal DbSet<TicketStaff> TicketStaff => Set<TicketStaff>();
    internal DbSet<BlockedUser> BlockedUsers => Set<BlockedUser>();
    internal DbSet<StaffAlert> StaffAlerts => Set<StaffAlert>();
    internal DbSet<Reminder> Reminders => Set<Reminder>();
    internal DbSet<ScheduledClosure> ScheduledClosures => Set<ScheduledClosure>();
    internal DbSet<Snippet> Snippets => Set<Snippet>();
    internal DbSet<PanelSession> PanelSessions => Set<PanelSession>();
    internal DbSet<PanelPermission> PanelPermissions => Set<PanelPermission>();
    internal DbSet<ModmailApiKey> ApiKeys => Set<ModmailApiKey>();
    internal DbSet<FeatureMessage> FeatureMessages => Set<FeatureMessage>();
    internal DbSet<SupportDesk> Desks => Set<SupportDesk>();
    internal DbSet<TicketCategory> Categories => Set<TicketCategory>();
    internal DbSet<SupportInbox> SupportInboxes => Set<SupportInbox>();
    internal DbSet<CategoryChoice> CategoryChoices => Set<CategoryChoice>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        Ticket.Configure(modelBuilder);
        TicketMessage.Configure(modelBuilder);
        TicketStatusChange.Configure(modelBuilder);
        Parley.Modmail.Tickets.TicketStaff.Configure(modelBuilder);
        BlockedUser.Configure(modelBuilder);
        StaffAlert.Configure(modelBuilder);
        Reminder.Configure(modelBuilder);
        ScheduledClosure.Configure(modelBuilder);
        Snippet.Configure(modelBuilder);
        PanelSession.Configure(modelBuilder);
        PanelPermission.Configure(modelBuilder);
        ModmailApiKey.Configure(modelBuilder);
        FeatureMessage.Configure(modelBuilder);
        SupportDesk.Configure(modelBuilder);
        TicketCategory.Configure(modelBuilder);
        SupportInbox.Configure(modelBuilder);
        CategoryChoice.Configure(modelBuilder);
        SnakeCaseNames.Apply(modelBuilder);
    }
}

/// <summary>Modmail's context on SQLite; exists so SQLite has its own migrations.</summary>
public sealed class SqliteModmailDbContext(DbContextOptions<SqliteModmailDbContext> options) : ModmailDbContext(options);

/// <summary>Modmail's context on PostgreSQL, in schema <c>modmail</c>.</summary>
public sealed class PostgresModmailDbContext(DbContextOptions<PostgresModmailDbContext> options) : ModmailDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ModuleName);
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SupportDesk>().Property(d => d.Features).HasColumnType("jsonb");
    }
}
