using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Messages;
using Parley.Chat.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests;

/// <summary>Shortcuts for data tests: a fresh context per step, so reads come from the database, not the change tracker.</summary>
internal static class ChatData
{
    /// <summary>Whole seconds, so a time reads back equal on both providers (PostgreSQL keeps microseconds, SQLite text).</summary>
    public static readonly DateTime T0 = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    public static async Task WithDbAsync(this TestApp app, Func<ChatDbContext, Task> action)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        await action(db);
    }

    public static async Task<T> WithDbAsync<T>(this TestApp app, Func<ChatDbContext, Task<T>> action)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        return await action(db);
    }

    public static async Task AddAsync<T>(this TestApp app, params T[] rows)
        where T : class
    {
        await app.WithDbAsync(async db =>
        {
            db.Set<T>().AddRange(rows);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Asserts that saving these rows is refused by the database (unique, check or foreign key constraint).</summary>
    public static async Task AssertRejectedAsync<T>(this TestApp app, params T[] rows)
        where T : class
    {
        await Assert.ThrowsAsync<DbUpdateException>(() => app.AddAsync(rows));
    }

    public static Message PlainMessage(Guid? channelId = null, string text = "hello") => new()
    {
        ChannelId = channelId ?? Guid.CreateVersion7(),
        SenderId = Guid.CreateVersion7(),
        Plaintext = text,
        CreatedAt = T0,
    };
}
