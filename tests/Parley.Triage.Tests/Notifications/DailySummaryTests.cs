using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Jobs;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;
using Parley.Triage.Actions;
using Parley.Triage.Audit;
using Parley.Triage.DeadLetters;
using Parley.Triage.Notifications;

namespace Parley.Triage.Tests.Notifications;

/// <summary>The daily summary on the test clock: at the configured time in its zone, once a day, restarts included.</summary>
public sealed class DailySummaryTests
{
    [Theory, BothProviders]
    public async Task The_summary_is_sent_once_a_day_at_the_configured_time_with_the_last_days_counts(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (app, clock) = await TriageTestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateTargets"] = "true",
            // 14:00 in Berlin (CET, UTC+1) is 13:00 UTC; the test clock starts at 12:30 UTC.
            ["Triage:notifications:daily_summary:enabled"] = "true",
            ["Triage:notifications:daily_summary:time"] = "14:00",
            ["Triage:notifications:daily_summary:time_zone"] = "Europe/Berlin",
            ["Triage:accounts:0:name"] = "work",
            ["Triage:accounts:0:imap:host"] = "127.0.0.1",
            ["Triage:accounts:0:imap:port"] = "1",
            ["Triage:accounts:0:imap:username"] = "work",
            ["Triage:accounts:0:imap:password"] = "unused",
            ["Triage:accounts:0:notifications:users:0"] = "alice",
            ["Triage:accounts:0:notifications:events:0"] = "daily_summary",
            ["Triage:accounts:1:name"] = "quiet",
            ["Triage:accounts:1:imap:host"] = "127.0.0.1",
            ["Triage:accounts:1:imap:port"] = "1",
            ["Triage:accounts:1:imap:username"] = "quiet",
            ["Triage:accounts:1:imap:password"] = "unused",
        });
        await using var _ = app;
        await ConnectionNotificationTests.SubscribeAsync(app, new Uri(receiver.BaseUrl, "/operators"), DailySummaryJob.WebhookEvent);
        await RecordDayAsync(app, clock);

        // 13:01 UTC: the minute's check finds 14:00 Berlin passed and queues the day's summary.
        clock.Advance(TimeSpan.FromMinutes(31));
        await Eventually.Until(() => receiver.Received.Count(r => r.Event == DailySummaryJob.WebhookEvent) >= 1, TimeSpan.FromSeconds(15), "the day's summary");
        var summary = receiver.Received.Single(r => r.Event == DailySummaryJob.WebhookEvent);
        using (var body = JsonDocument.Parse(summary.Body))
        {
            var data = body.RootElement.GetProperty("data");
            Assert.Equal(("work", "daily_summary", "alice", "2026-11-23"),
                (data.GetProperty("account").GetString(), data.GetProperty("event").GetString(), data.GetProperty("users")[0].GetString(),
                 data.GetProperty("day").GetString()));
            Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), data.GetProperty("until").GetDateTimeOffset());
            Assert.Equal(3, data.GetProperty("processed").GetInt64());
            Assert.Equal((3, 1), (data.GetProperty("by_action").GetProperty("move").GetInt64(), data.GetProperty("by_action").GetProperty("flag").GetInt64()));
            Assert.Equal((2, 1), (data.GetProperty("by_source").GetProperty("rule").GetInt64(), data.GetProperty("by_source").GetProperty("llm").GetInt64()));
            Assert.Equal((1, 1), (data.GetProperty("dead_letters").GetProperty("new").GetInt64(), data.GetProperty("dead_letters").GetProperty("exhausted").GetInt64()));
            Assert.Equal(1, data.GetProperty("errors").GetInt64());
            Assert.Equal("disconnected", data.GetProperty("connection").GetString());
        }

        // Later checks the same day, and a restart, send nothing more.
        for (var i = 0; i < 3; i++)
        {
            await NextCheckAsync(app, clock);
        }
        await app.RestartAsync();
        await NextCheckAsync(app, clock);
        Assert.Single(receiver.Received, r => r.Event == DailySummaryJob.WebhookEvent);
        Assert.Equal(1, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == DailySummaryJob.JobKind)));

        // The next day at the time: the next summary.
        clock.Advance(new DateTimeOffset(2026, 11, 24, 13, 0, 30, TimeSpan.Zero) - clock.GetUtcNow());
        await Eventually.Until(() => receiver.Received.Count(r => r.Event == DailySummaryJob.WebhookEvent) >= 2, TimeSpan.FromSeconds(15), "the next day's summary");
        using var next = JsonDocument.Parse(receiver.Received.Last(r => r.Event == DailySummaryJob.WebhookEvent).Body);
        Assert.Equal(("2026-11-24", 0), (next.RootElement.GetProperty("data").GetProperty("day").GetString(), next.RootElement.GetProperty("data").GetProperty("processed").GetInt64()));
    }

    [Fact]
    public void The_days_job_id_is_the_same_on_every_node_and_differs_per_day()
    {
        var day = new DateOnly(2026, 11, 23);
        Assert.Equal(DailySummarySchedule.OccurrenceId(day), DailySummarySchedule.OccurrenceId(new DateOnly(2026, 11, 23)));
        Assert.NotEqual(DailySummarySchedule.OccurrenceId(day), DailySummarySchedule.OccurrenceId(day.AddDays(1)));
    }

    [Fact]
    public void The_time_is_read_in_its_zone_and_a_time_skipped_by_daylight_saving_moves_an_hour_on()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 6, 0, 0, TimeSpan.Zero), DailySummarySchedule.DueAt(new DateOnly(2026, 7, 1), new TimeOnly(8, 0), berlin));
        // 29 March 2026: Berlin's clocks jump from 02:00 to 03:00; 02:30 does not exist, 03:30 CEST (01:30 UTC) is used.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), DailySummarySchedule.DueAt(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), berlin));
    }

    /// <summary>Three decisions (two by rules, one by the LLM), a new dead letter, one exhausted today; older rows and another account's do not count.</summary>
    private static async Task RecordDayAsync(TestApp app, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var move = new TriageAction(TriageActionKind.Move, Folder: "Invoices");
        await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(new TriageDecision("<a@x>", "work", [move])));
        await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(new TriageDecision("<b@x>", "work", [move, move])));
        await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(new TriageDecision("<c@x>", "work",
            [new TriageAction(TriageActionKind.Flag, Flags: ["\\Flagged"]), move], LlmProvider: "openai", LlmModel: "m", Confidence: 0.9)));
        await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(new TriageDecision("<d@x>", "quiet", [move])));
        await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<e@x>", "work", "INBOX", 5, "LLM down"));
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await app.WithDbAsync(async db =>
        {
            db.AuditLog.Add(new AuditLogEntry { MessageId = "<old@x>", AccountName = "work", Actions = """[{"type":"move","folder":"Old"}]""", CreatedAt = now - 2 * 86400 });
            db.DeadLetters.Add(new DeadLetter
            {
                MessageId = "<f@x>", AccountName = "work", Folder = "INBOX", Uid = 6, Error = "still down", Attempts = 5,
                CreatedAt = now - 3 * 86400, ResolvedAt = now - 60, RetryStatus = DeadLetterStatus.Exhausted,
            });
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>Moves the clock two minutes and waits for a daily-summary check to have run at that time.</summary>
    private static async Task NextCheckAsync(TestApp app, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var before = await ChecksDoneAsync(app);
        clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.Until(async () => await ChecksDoneAsync(app) > before, TimeSpan.FromSeconds(15), "a daily-summary check");
    }

    private static async Task<int> ChecksDoneAsync(TestApp app)
    {
        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        return await core.Jobs.CountAsync(j => j.Kind == DailySummarySchedule.JobKind && j.State == JobStates.Succeeded);
    }
}
