using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Reminders;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Commands;

/// <summary><c>add_reminder</c> / <c>remove_reminder</c>: a row in Unix seconds plus a Core job that outlives a restart.</summary>
public sealed class ReminderCommandsTests
{
    [Theory, BothProviders]
    public async Task A_reminder_fires_after_a_restart_pinging_its_author_and_a_removed_one_never_does(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);
        var now = desk.Clock.GetUtcNow();

        var answer = await desk.RunAsync(desk.ModActor, "add_reminder", "1h call \"them\" back");
        var reminder = await desk.DbAsync(db => db.Reminders.AsNoTracking().SingleAsync());
        Assert.Contains($"Reminder #{reminder.Id} set", answer, StringComparison.Ordinal);
        Assert.Equal(
            (desk.TicketId, desk.Mod.Id.ToString(), desk.TicketChannelId.ToString(), desk.CommunityId.ToString(), "call \"them\" back", false),
            (reminder.ThreadId, reminder.UserId, reminder.ChannelId, reminder.GuildId, reminder.ReminderContent, reminder.Completed));
        Assert.Equal(now.AddHours(1).ToUnixTimeSeconds(), reminder.TriggerTime);
        Assert.Equal(now.ToUnixTimeSeconds(), reminder.CreatedAt);
        var job = await desk.DbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Kind == ReminderJob.JobKind));
        Assert.Equal("pending", job.State);
        Assert.Equal(now.AddHours(1).UtcDateTime, job.DueAt, TimeSpan.FromMilliseconds(1));

        // mod2's reminder: mod cannot remove it, mod2 can.
        await desk.RunAsync(desk.Mod2Actor, "remind", "30m");
        var other = await desk.DbAsync(db => db.Reminders.AsNoTracking().SingleAsync(r => r.Id != reminder.Id));
        Assert.Null(other.ReminderContent);
        Assert.Contains("belongs to someone else", await desk.RunAsync(desk.ModActor, "remove_reminder", other.Id.ToString()), StringComparison.Ordinal);
        Assert.Contains($"Reminder #{other.Id} removed", await desk.RunAsync(desk.Mod2Actor, "remove_reminder", "#" + other.Id), StringComparison.Ordinal);
        Assert.Contains("No pending reminder", await desk.RunAsync(desk.Mod2Actor, "remove_reminder", other.Id.ToString()), StringComparison.Ordinal);

        await desk.App.RestartAsync();
        desk.Channels.Notices.Clear();
        desk.Clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Yield();
        Assert.False(await desk.DbAsync(db => db.Reminders.AnyAsync(r => r.Completed)));

        desk.Clock.Advance(TimeSpan.FromMinutes(1));

        await Eventually.Until(() => desk.DbAsync(db => db.Reminders.AnyAsync(r => r.Id == reminder.Id && r.Completed)));
        await Eventually.Until(() => desk.DbAsync(async db => await db.Jobs.CountAsync(j => j.Kind == ReminderJob.JobKind && j.State == "succeeded") == 2));
        var notice = Assert.Single(desk.Channels.Notices);
        Assert.Equal(desk.TicketId, notice.TicketId);
        Assert.Equal([desk.Mod.Id], notice.Mention);
        Assert.Contains("call \"them\" back", notice.Text, StringComparison.Ordinal);
        Assert.Equal(1, await desk.DbAsync(db => db.Reminders.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task Bad_durations_and_commands_outside_a_ticket_store_nothing(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);

        Assert.Contains("\"soon\" is not a duration", await desk.RunAsync(desk.ModActor, "add_reminder", "soon ping"), StringComparison.Ordinal);
        Assert.Contains("\"400d\" is not a duration", await desk.RunAsync(desk.ModActor, "add_reminder", "400d"), StringComparison.Ordinal);
        Assert.StartsWith("⚠ Usage: !add_reminder", await desk.RunAsync(desk.ModActor, "add_reminder"), StringComparison.Ordinal);
        Assert.Contains("in a ticket channel", await desk.RunAsync(desk.ModActor, "add_reminder", "1h", inTicket: false), StringComparison.Ordinal);
        Assert.Contains("Only the desk's staff", await desk.RunAsync(desk.MemberActor, "add_reminder", "1h"), StringComparison.Ordinal);
        Assert.StartsWith("⚠ Usage: !remove_reminder", await desk.RunAsync(desk.ModActor, "remove_reminder", "abc"), StringComparison.Ordinal);

        Assert.False(await desk.DbAsync(db => db.Reminders.AnyAsync()));
        Assert.False(await desk.DbAsync(db => db.Jobs.AnyAsync(j => j.Kind == ReminderJob.JobKind)));
    }

    [Theory, BothProviders]
    public async Task A_reminder_in_a_ticket_closed_meanwhile_completes_without_a_post(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);
        await desk.RunAsync(desk.ModActor, "add_reminder", "10m");
        await desk.DbAsync(db => db.Tickets.ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Closed)));
        desk.Channels.Notices.Clear();

        desk.Clock.Advance(TimeSpan.FromMinutes(10));

        await Eventually.Until(() => desk.DbAsync(db => db.Reminders.AnyAsync(r => r.Completed)));
        Assert.Empty(desk.Channels.Notices);
    }
}
