using Microsoft.EntityFrameworkCore;
using Parley.Core.Storage;
using Parley.Mail.AuthKeys;
using Parley.Mail.Delivery;
using Parley.Mail.Domains;
using Parley.Mail.Inboxes;
using Parley.Mail.Messages;
using Parley.Mail.Suppression;
using Parley.Mail.Threads;
using Parley.Mail.Webhooks;

namespace Parley.Mail.Storage;

/// <summary>
/// Mail's database (<c>data/mail.db</c>, schema <c>mail</c>): the email platform's tables (seed 002, kept in
/// docs/seeds). <c>webhook_deliveries</c> is Core's outbox table, which every module's context carries.
/// </summary>
public abstract class MailDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string ModuleName = "mail";

    internal DbSet<MailDomain> Domains => Set<MailDomain>();
    internal DbSet<Inbox> Inboxes => Set<Inbox>();
    internal DbSet<MailThread> Threads => Set<MailThread>();
    internal DbSet<MailMessage> Messages => Set<MailMessage>();
    internal DbSet<MessageInbox> MessageInboxes => Set<MessageInbox>();
    internal DbSet<MessageRecipient> MessageRecipients => Set<MessageRecipient>();
    internal DbSet<MessageReference> MessageReferences => Set<MessageReference>();
    internal DbSet<MailAttachment> Attachments => Set<MailAttachment>();
    internal DbSet<MessageLabel> MessageLabels => Set<MessageLabel>();
    internal DbSet<DeliveryEvent> DeliveryEvents => Set<DeliveryEvent>();
    internal DbSet<SuppressedAddress> SuppressedAddresses => Set<SuppressedAddress>();
    internal DbSet<MailWebhookEndpoint> WebhookEndpoints => Set<MailWebhookEndpoint>();
    internal DbSet<AuthKey> AuthKeys => Set<AuthKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        MailDomain.Configure(modelBuilder);
        Inbox.Configure(modelBuilder);
        MailThread.Configure(modelBuilder);
        MailMessage.Configure(modelBuilder);
        MessageInbox.Configure(modelBuilder);
        MessageRecipient.Configure(modelBuilder);
        MessageReference.Configure(modelBuilder);
        MailAttachment.Configure(modelBuilder);
        MessageLabel.Configure(modelBuilder);
        DeliveryEvent.Configure(modelBuilder);
        SuppressedAddress.Configure(modelBuilder);
        MailWebhookEndpoint.Configure(modelBuilder);
        AuthKey.Configure(modelBuilder);
        SnakeCaseNames.Apply(modelBuilder);
    }
}

/// <summary>Mail's context on SQLite; exists so SQLite has its own migrations.</summary>
public sealed class SqliteMailDbContext(DbContextOptions<SqliteMailDbContext> options) : MailDbContext(options);

/// <summary>Mail's context on PostgreSQL, in schema <c>mail</c>.</summary>
public sealed class PostgresMailDbContext(DbContextOptions<PostgresMailDbContext> options) : MailDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ModuleName);
        base.OnModelCreating(modelBuilder);
        // The seed's JSONB columns; SQLite keeps JSON as text.
        modelBuilder.Entity<DeliveryEvent>().Property(e => e.Details).HasColumnType("jsonb");
        modelBuilder.Entity<MailMessage>().Property(m => m.Metadata).HasColumnType("jsonb");
    }
}
