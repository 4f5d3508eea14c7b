using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.ApiKeys;
using Parley.Core.Audit;
using Parley.Core.Security;
using Parley.Core.Webhooks;

namespace Parley.Core.Storage;

/// <summary>Core's own database (<c>data/core.db</c>, schema <c>core</c>): accounts, sessions, API keys, audit, webhook endpoints.</summary>
public abstract class CoreDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string ModuleName = "core";

    public DbSet<User> Users => Set<User>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<InstanceKey> InstanceKeys => Set<InstanceKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        User.Configure(modelBuilder);
        Session.Configure(modelBuilder);
        RefreshToken.Configure(modelBuilder);
        ApiKey.Configure(modelBuilder);
        AuditEntry.Configure(modelBuilder);
        WebhookEndpoint.Configure(modelBuilder);
        InstanceKey.Configure(modelBuilder);
        SnakeCaseNames.Apply(modelBuilder);
    }
}

/// <summary>Core's context on SQLite; exists so SQLite has its own migrations.</summary>
public sealed class SqliteCoreDbContext(DbContextOptions<SqliteCoreDbContext> options) : CoreDbContext(options);

/// <summary>Core's context on PostgreSQL, in schema <c>core</c>.</summary>
public sealed class PostgresCoreDbContext(DbContextOptions<PostgresCoreDbContext> options) : CoreDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ModuleName);
        base.OnModelCreating(modelBuilder);
    }
}
