using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Announcements;
using Parley.Chat.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Announcements;

public sealed class AnnouncementStorageTests
{
    private static readonly DateTime Created = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory, BothProviders]
    public async Task An_announcement_and_its_dismissals_round_trip_and_go_with_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var announcement = new Announcement { Title = new string('t', 200), Body = "Maintenance tonight at 22:00 UTC.", CreatedBy = Guid.CreateVersion7(), CreatedAt = Created };
        var dismissal = new AnnouncementDismissal { UserId = Guid.CreateVersion7(), AnnouncementId = announcement.Id, DismissedAt = Created.AddHours(1) };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.Announcements.Add(announcement);
            db.AnnouncementDismissals.Add(dismissal);
            await db.SaveChangesAsync();
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var read = await db.Announcements.SingleAsync(a => a.Id == announcement.Id);
            Assert.Equal(announcement.Title, read.Title);
            Assert.Equal(announcement.Body, read.Body);
            Assert.Equal(announcement.CreatedBy, read.CreatedBy);
            Assert.Equal(Created, read.CreatedAt);
            var readDismissal = await db.AnnouncementDismissals.SingleAsync(d => d.AnnouncementId == announcement.Id);
            Assert.Equal(dismissal.UserId, readDismissal.UserId);
            Assert.Equal(dismissal.DismissedAt, readDismissal.DismissedAt);
        }
        await using (var scope = app.CreateScope())
        {
            // (user, announcement) is the key: one dismissal each.
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.AnnouncementDismissals.Add(new AnnouncementDismissal { UserId = dismissal.UserId, AnnouncementId = announcement.Id, DismissedAt = Created });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            await db.Announcements.Where(a => a.Id == announcement.Id).ExecuteDeleteAsync();
            Assert.False(await db.AnnouncementDismissals.AnyAsync());
        }
    }
}
