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

    /// <summary>Two channels every data test may point rows at (rows need a real channel: foreign keys).</summary>
    public static readonly Guid Channel = Guid.Parse("01900000-0000-7000-8000-00000000c001");
    public static readonly Guid OtherChannel = Guid.Parse("01900000-0000-7000-8000-00000000c002");

    /// <summary>Creates <see cref="Channel"/> and <see cref="OtherChannel"/> (DM-type, so they need no group) unless they exist.</summary>
    public static async Task EnsureChannelsAsync(this TestApp app)
    {
        await app.WithDbAsync(async db =>
        {
            if (await db.Channels.AnyAsync(c => c.Id == Channel))
            {
                return;
            }
            foreach (var id in new[] { Channel, OtherChannel })
            {
                db.Channels.Add(new Channels.Channel { Id = id, Name = "test", ChannelType = Channels.ChannelTypes.Dm, CreatedBy = Guid.CreateVersion7(), CreatedAt = T0, UpdatedAt = T0 });
            }
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Saves <paramref name="rows"/> in one unit of work (after making sure the test channels exist).</summary>
    public static async Task AddAsync<T>(this TestApp app, params T[] rows)
        where T : class
    {
        await app.EnsureChannelsAsync();
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
        ChannelId = channelId ?? Channel,
        SenderId = Guid.CreateVersion7(),
        Plaintext = text,
        CreatedAt = T0,
    };
}
