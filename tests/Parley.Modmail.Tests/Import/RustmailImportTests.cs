using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Desks;
using Parley.Modmail.Import;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Import;

/// <summary><c>parley modmail import-rustmail</c> run in-process on a Rustmail-shaped database built by the test.</summary>
[Collection(CliConsole.Name)]
public sealed class RustmailImportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parley-rustmail-").FullName;

    private string Source => Path.Combine(_directory, "db.sqlite");

    private static Task<(int Exit, string Out, string Error)> ImportAsync(TestApp app, params string[] args) =>
        CliConsole.RunAsync([
            "modmail", "import-rustmail", .. args,
            .. app.Database.Settings().Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}"),
            "--Logging:LogLevel:Default=Warning"]);

    [Theory, BothProviders]
    public async Task A_Rustmail_database_is_imported_once_with_counts_per_table(string provider)
    {
        RustmailDb.Create(Source);
        await using var app = await TestApp.StartAsync(provider);
        var desk = await AddDeskAsync(app);

        var first = await ImportAsync(app, Source);
        Assert.True(first.Exit == 0, first.Error + first.Out);
        Assert.Matches(@"(?m)^threads\s+2\s+0\b", first.Out);
        Assert.Matches(@"(?m)^thread_messages\s+5\s+1\s+1 without a ticket", first.Out);
        Assert.Matches(@"(?m)^api_keys\s+2\s+0\s+1 with a hash that is not SHA-256 hex", first.Out);

        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
            var tickets = await db.Tickets.AsNoTracking().OrderBy(t => t.CreatedAt).ToListAsync();
            Assert.Equal([Guid.Parse(RustmailDb.OpenTicket), Guid.Parse(RustmailDb.ClosedTicket)], tickets.Select(t => t.Id));
            Assert.All(tickets, t => Assert.Equal((desk, TransportNames.Discord), (t.DeskId, t.Transport)));
            var open = tickets[0];
            Assert.Equal(("111", "ann", "9001", TicketStatus.Open, 3), (open.UserId, open.UserName, open.ChannelId, open.Status, open.NextMessageNumber));
            Assert.Equal(new DateTime(2025, 8, 15, 14, 50, 17, DateTimeKind.Utc), open.CreatedAt);
            Assert.Equal(new DateTime(2025, 8, 15, 15, 0, 0, DateTimeKind.Utc), open.FirstResponseAt);
            var closed = tickets[1];
            Assert.Equal((TicketStatus.Closed, true, "999", "Billing", "[\"billing\"]"), (closed.Status, closed.UserLeft, closed.ClosedBy, closed.CategoryName, closed.RequiredPermissions));
            Assert.Equal(new DateTime(2025, 8, 17, 10, 30, 0, DateTimeKind.Utc), closed.ClosedAt);

            var messages = await db.TicketMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
            Assert.Equal(
                [("Hello staff", "member", null, false), ("Hi Ann", "staff", 1, false), ("Anything else?", "staff", 2, true), ("Refund please", "member", null, false), ("note: check the order", "note", null, false)],
                messages.Select(m => (m.Content, m.Kind, m.MessageNumber, m.IsAnonymous)));
            Assert.Equal("dm-2", messages[1].DmMessageId);
            Assert.Equal(3, await db.TicketStatusChanges.CountAsync());

            var reminders = await db.Reminders.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
            Assert.Equal([("follow up", false, 4102444800L), ("done already", true, 1755273600L)], reminders.Select(r => (r.ReminderContent!, r.Completed, r.TriggerTime)));
            Assert.Equal(("999", "9001", "7000"), (reminders[0].UserId, reminders[0].ChannelId, reminders[0].GuildId));
            // Only the pending reminder has a job, due when it triggers.
            var job = Assert.Single(await db.Jobs.AsNoTracking().Where(j => j.Kind == RustmailImport.ReminderJobKind).ToListAsync());
            Assert.Equal(reminders[0].Id, JsonDocument.Parse(job.Payload).RootElement.GetProperty("reminder_id").GetInt64());
            Assert.Equal(new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc), job.DueAt);

            var closure = await db.ScheduledClosures.AsNoTracking().SingleAsync();
            Assert.Equal((open.Id, 4102444800L, true, "999"), (closure.ThreadId, closure.ScheduledTime, closure.Silent, closure.CreatedBy));
            Assert.Equal(["bye", "greet"], await db.Snippets.AsNoTracking().OrderBy(s => s.Key).Select(s => s.Key).ToListAsync());
            var blocked = await db.BlockedUsers.AsNoTracking().OrderBy(b => b.UserId).ToListAsync();
            Assert.Equal([("333", (DateTime?)null), ("444", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc))], blocked.Select(b => (b.UserId, b.ExpiresAt)));
            var alert = await db.StaffAlerts.AsNoTracking().SingleAsync();
            Assert.Equal(("999", "111", false), (alert.StaffUserId, alert.ThreadUserId, alert.Used));

            var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync();
            Assert.Equal(("old script", false), (keys[0].Name, keys[0].IsActive));
            Assert.Matches("^[0-9a-f]{64}$", keys[0].KeyHash);
            Assert.Equal(("website", RustmailDb.Sha256Key, true, 1755270500L, (Guid?)desk), (keys[1].Name, keys[1].KeyHash, keys[1].IsActive, keys[1].LastUsedAt!.Value, keys[1].DeskId));

            var grants = await db.PanelPermissions.AsNoTracking().OrderBy(p => p.SubjectType).ToListAsync();
            Assert.Equal([("role", "555", "view_tickets"), ("user", "999", "manage_tickets")], grants.Select(g => (g.SubjectType, g.SubjectId, g.Permission)));
            Assert.Equal("Dark mode please", (await db.FeatureMessages.AsNoTracking().SingleAsync()).Content);
        }

        // Again: nothing new, everything reported as skipped.
        var second = await ImportAsync(app, Source, "--desk", desk.ToString());
        Assert.True(second.Exit == 0, second.Error + second.Out);
        foreach (var (table, skipped) in new[] { ("threads", 2), ("thread_messages", 6), ("thread_status", 3), ("reminders", 2), ("scheduled_closures", 1), ("snippets", 2), ("blocked_users", 2), ("staff_alerts", 1), ("api_keys", 2), ("panel_permissions", 2), ("features_messages", 1) })
        {
            Assert.Matches($@"(?m)^{table}\s+0\s+{skipped}\b", second.Out);
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
            Assert.Equal((2, 5, 3, 2, 1), (await db.Tickets.CountAsync(), await db.TicketMessages.CountAsync(), await db.TicketStatusChanges.CountAsync(), await db.Reminders.CountAsync(), await db.ScheduledClosures.CountAsync()));
            Assert.Equal((2, 2, 1, 2, 2, 1), (await db.Snippets.CountAsync(), await db.BlockedUsers.CountAsync(), await db.StaffAlerts.CountAsync(), await db.ApiKeys.CountAsync(), await db.PanelPermissions.CountAsync(), await db.FeatureMessages.CountAsync()));
            Assert.Equal(1, await db.Jobs.CountAsync(j => j.Kind == RustmailImport.ReminderJobKind));
        }
    }

    [Theory, BothProviders]
    public async Task Missing_corrupt_and_foreign_files_and_an_unclear_desk_exit_2_and_import_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await AddDeskAsync(app);

        var missing = await ImportAsync(app, Path.Combine(_directory, "nope.sqlite"));
        Assert.Equal(2, missing.Exit);
        Assert.StartsWith("parley: there is no file at ", missing.Error, StringComparison.Ordinal);
        Assert.Single(missing.Error.Trim().Split('\n'));

        var corrupt = Path.Combine(_directory, "corrupt.sqlite");
        await File.WriteAllTextAsync(corrupt, "this is not a database, just text that goes on for a while to fill a page. " + new string('x', 5000));
        var bad = await ImportAsync(app, corrupt);
        Assert.Equal(2, bad.Exit);
        Assert.Matches(@"^parley: .*corrupt\.sqlite cannot be read as SQLite: file is not a database\s*$", bad.Error);

        var empty = Path.Combine(_directory, "empty.sqlite");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={empty};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE something (id INTEGER)";
            await command.ExecuteNonQueryAsync();
        }
        var foreign = await ImportAsync(app, empty);
        Assert.Equal(2, foreign.Exit);
        Assert.Contains("is not a Rustmail database", foreign.Error, StringComparison.Ordinal);

        RustmailDb.Create(Source);
        var badDesk = await ImportAsync(app, Source, "--desk", "not-a-guid");
        Assert.Equal(2, badDesk.Exit);
        Assert.Contains("--desk", badDesk.Error, StringComparison.Ordinal);
        var unknownDesk = await ImportAsync(app, Source, "--desk", Guid.NewGuid().ToString());
        Assert.Equal(2, unknownDesk.Exit);
        Assert.Contains("there is no support desk", unknownDesk.Error, StringComparison.Ordinal);
        await AddDeskAsync(app);
        var unclear = await ImportAsync(app, Source);
        Assert.Equal(2, unclear.Exit);
        Assert.Contains("more than one support desk: choose one with --desk", unclear.Error, StringComparison.Ordinal);

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
        Assert.Equal(0, await db.Tickets.CountAsync());
        Assert.Equal(0, await db.Snippets.CountAsync());

        // With the desk named, it goes in.
        var chosen = await ImportAsync(app, Source, "--desk", desk.ToString());
        Assert.True(chosen.Exit == 0, chosen.Error);
        Assert.Equal(2, await db.Tickets.CountAsync(t => t.DeskId == desk));
    }

    private static async Task<Guid> AddDeskAsync(TestApp app)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
        var desk = new SupportDesk { StaffCommunityId = Guid.NewGuid(), BotUserId = Guid.NewGuid(), CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch };
        db.Desks.Add(desk);
        await db.SaveChangesAsync();
        return desk.Id;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
