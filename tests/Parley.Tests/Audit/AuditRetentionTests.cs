using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Core.Audit;
using Parley.Core.Jobs;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Audit;

public sealed class AuditRetentionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory, BothProviders]
    public async Task The_daily_retention_job_deletes_entries_older_than_the_retention_and_keeps_recent_ones(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Audit:RetentionDays"] = "30" },
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var old = Entry(Start.UtcDateTime.AddDays(-31));
        var recent = Entry(Start.UtcDateTime.AddDays(-29));
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            db.AuditLog.AddRange(old, recent);
            await db.SaveChangesAsync();
        }

        clock.Advance(TimeSpan.FromHours(12)); // to midnight, when the daily run is due

        await Eventually.Until(async () => !await ExistsAsync(app, old.Id), because: "the old entry is deleted");
        Assert.True(await ExistsAsync(app, recent.Id));
        // …and, once this run is recorded, the next one is scheduled for the following midnight.
        await Eventually.Until(async () => await PendingRunAsync(app) is not null);
        Assert.Equal(new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc), (await PendingRunAsync(app))!.DueAt);
    }

    private static AuditEntry Entry(DateTime at) => new() { Action = "auth.login", CreatedAt = at };

    private static async Task<Job?> PendingRunAsync(TestApp app)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Jobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.Kind == "audit.retention" && j.State == JobStates.Pending);
    }

    private static async Task<bool> ExistsAsync(TestApp app, Guid id)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CoreDbContext>().AuditLog.AnyAsync(e => e.Id == id);
    }
}
