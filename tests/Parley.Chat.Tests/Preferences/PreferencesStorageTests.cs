using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Preferences;
using Parley.Chat.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Preferences;

public sealed class PreferencesStorageTests
{
    private static readonly DateTime Updated = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory, BothProviders]
    public async Task Preferences_round_trip_one_row_per_user_defaulting_to_an_empty_object(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var userId = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.UserPreferences.Add(new UserPreferences { UserId = userId, Preferences = """{"theme":"dark","compact":true}""", UpdatedAt = Updated });
            await db.SaveChangesAsync();
            await ChatSql.InsertAsync(db, "user_preferences", new Dictionary<string, object> { ["user_id"] = other, ["updated_at"] = Updated });
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var read = await db.UserPreferences.SingleAsync(p => p.UserId == userId);
            Assert.Equal("""{"theme":"dark","compact":true}""", read.Preferences);
            Assert.Equal(Updated, read.UpdatedAt);
            Assert.Equal("{}", (await db.UserPreferences.SingleAsync(p => p.UserId == other)).Preferences);

            db.ChangeTracker.Clear();
            db.UserPreferences.Add(new UserPreferences { UserId = userId, UpdatedAt = Updated });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }
}
