using Microsoft.EntityFrameworkCore;
using Parley.Core.Storage;

namespace Parley.Chat.Storage;

/// <summary>Chat's database (<c>data/chat.db</c>, schema <c>chat</c>): Chatalot's tables (seed 003, kept in docs/seeds).</summary>
public abstract class ChatDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string ModuleName = "chat";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
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
