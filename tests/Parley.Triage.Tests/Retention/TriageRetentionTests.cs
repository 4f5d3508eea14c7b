using Microsoft.EntityFrameworkCore;
using Parley.Tests.Infrastructure;
using Parley.Triage.Audit;
using Parley.Triage.Dashboard;
using Parley.Triage.Processing;

namespace Parley.Triage.Tests.Retention;

public sealed class TriageRetentionTests
{
    [Theory, BothProviders]
    public async Task The_hourly_job_forgets_old_processed_ids_deletes_old_audit_and_expired_sessions_by_itself(string provider)
    {
        var (app, clock) = await TriageTestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Triage:state:processed_ttl"] = "24h",
            ["Triage:state:audit_retention"] = "30d",
        });
        await using var _ = app;
        var now = TriageTestApp.Start;
        long At(TimeSpan offset) => (now + offset).ToUnixTimeSeconds();
        await app.WithDbAsync(async db =>
        {
            db.ProcessedMessages.AddRange(
                new ProcessedMessage { MessageId = "<old@x>", AccountName = "a", ProcessedAt = At(TimeSpan.FromHours(-25)) },
                new ProcessedMessage { MessageId = "<new@x>", AccountName = "a", ProcessedAt = At(TimeSpan.FromHours(-23)) });
            db.AuditLog.AddRange(
                new AuditLogEntry { MessageId = "<old@x>", AccountName = "a", Actions = "[]", CreatedAt = At(TimeSpan.FromDays(-31)) },
                new AuditLogEntry { MessageId = "<new@x>", AccountName = "a", Actions = "[]", CreatedAt = At(TimeSpan.FromDays(-29)) });
            var user = new DashboardUser { Username = "ops", PasswordHash = "$2a$11$x", CreatedAt = At(TimeSpan.Zero) };
            db.DashboardUsers.Add(user);
            await db.SaveChangesAsync();
            db.DashboardSessions.AddRange(
                new DashboardSession { Id = new string('a', 64), UserId = user.Id, CreatedAt = At(TimeSpan.FromHours(-24)), ExpiresAt = At(TimeSpan.FromMinutes(10)) },
                new DashboardSession { Id = new string('b', 64), UserId = user.Id, CreatedAt = At(TimeSpan.Zero), ExpiresAt = At(TimeSpan.FromHours(5)) });
            return await db.SaveChangesAsync();
        });

        // Nothing is removed before the job's hour; then it runs by itself on Core's jobs.
        clock.Advance(TimeSpan.FromMinutes(30));

        await Eventually.Until(async () => await app.WithDbAsync(db => db.AuditLog.CountAsync()) == 1, because: "the old audit entry is deleted");
        await Eventually.Until(async () => await app.WithDbAsync(db => db.DashboardSessions.CountAsync()) == 1, because: "the expired session is deleted");
        Assert.Equal(["<new@x>"], await app.WithDbAsync(db => db.ProcessedMessages.Select(p => p.MessageId).ToListAsync()));
        Assert.Equal(["<new@x>"], await app.WithDbAsync(db => db.AuditLog.Select(p => p.MessageId).ToListAsync()));
        Assert.Equal([new string('b', 64)], await app.WithDbAsync(db => db.DashboardSessions.Select(s => s.Id).ToListAsync()));
    }
}
