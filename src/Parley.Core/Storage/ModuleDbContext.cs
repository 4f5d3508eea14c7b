using Microsoft.EntityFrameworkCore;
using Parley.Core.Jobs;
using Parley.Core.Webhooks;

namespace Parley.Core.Storage;

/// <summary>
/// The base of every module's context. It carries Core's outbox tables (jobs and pending
/// webhook deliveries), so a module's write and the work it triggers commit in one transaction.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>True when this context talks to PostgreSQL (row locking, schemas).</summary>
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        Job.Configure(modelBuilder);
        WebhookDelivery.Configure(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite hands DateTime back as Unspecified otherwise.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
