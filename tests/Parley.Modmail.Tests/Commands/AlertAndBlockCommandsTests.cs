using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Alerts;
using Parley.Modmail.Blocks;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Commands;

/// <summary><c>alert</c> and <c>block</c>/<c>unblock</c>: the rows the engine reads when the member next writes.</summary>
public sealed class AlertAndBlockCommandsTests
{
    [Theory, BothProviders]
    public async Task Alert_sets_one_pending_row_per_staff_member_and_cancel_removes_it(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);

        Assert.Contains("will be pinged when member next writes", await desk.RunAsync(desk.ModActor, "alert"), StringComparison.Ordinal);
        Assert.Contains("already has an alert", await desk.RunAsync(desk.ModActor, "alert"), StringComparison.Ordinal);
        await desk.RunAsync(desk.Mod2Actor, "alert");
        var alerts = await desk.DbAsync(db => db.StaffAlerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([desk.Mod.Id.ToString(), desk.Mod2.Id.ToString()], alerts.Select(a => a.StaffUserId));
        Assert.All(alerts, a => Assert.Equal((desk.Member.Id.ToString(), (Guid?)desk.TicketId, false), (a.ThreadUserId, a.ThreadId, a.Used)));

        Assert.Contains("alert is cancelled", await desk.RunAsync(desk.ModActor, "alert", "CANCEL"), StringComparison.Ordinal);
        Assert.Equal([desk.Mod2.Id.ToString()], await desk.DbAsync(db => db.StaffAlerts.Select(a => a.StaffUserId).ToListAsync()));
        Assert.Contains("no alert set", await desk.RunAsync(desk.ModActor, "alert", "--cancel"), StringComparison.Ordinal);
        Assert.StartsWith("⚠ Usage: !alert", await desk.RunAsync(desk.ModActor, "alert", "later"), StringComparison.Ordinal);

        // A used alert is history: a new one may be set.
        await desk.DbAsync(db => db.StaffAlerts.ExecuteUpdateAsync(s => s.SetProperty(a => a.Used, true)));
        Assert.Contains("will be pinged", await desk.RunAsync(desk.Mod2Actor, "alert"), StringComparison.Ordinal);
        Assert.Equal(2, await desk.DbAsync(db => db.StaffAlerts.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task A_block_holds_until_it_expires_or_is_lifted(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);
        var now = desk.Clock.GetUtcNow().UtcDateTime;
        var member = desk.Member.Id.ToString();

        // In the ticket channel a lone duration blocks the ticket's member.
        Assert.Contains("member is blocked until", await desk.RunAsync(desk.ModActor, "block", "1d"), StringComparison.Ordinal);
        var block = await desk.DbAsync(db => db.BlockedUsers.AsNoTracking().SingleAsync());
        Assert.Equal((member, "member", desk.Mod.Id.ToString()), (block.UserId, block.UserName, block.BlockedBy));
        Assert.Equal(now.AddDays(1), block.ExpiresAt!.Value, TimeSpan.FromMilliseconds(1));
        await using (var scope = desk.App.CreateScope())
        {
            var blocks = scope.ServiceProvider.GetRequiredService<BlockList>();
            Assert.True(await blocks.IsBlockedAsync(member, now.AddHours(23)));
            Assert.False(await blocks.IsBlockedAsync(member, now.AddDays(1)));
            Assert.False(await blocks.IsBlockedAsync(desk.Mod2.Id.ToString(), now));
        }

        // Blocking again replaces the expiry: now until unblocked.
        Assert.Contains("blocked until unblocked", await desk.RunAsync(desk.ModActor, "block", "@member", inTicket: false), StringComparison.Ordinal);
        Assert.Null((await desk.DbAsync(db => db.BlockedUsers.AsNoTracking().SingleAsync())).ExpiresAt);

        Assert.Contains("member is unblocked", await desk.RunAsync(desk.ModActor, "unblock"), StringComparison.Ordinal);
        Assert.False(await desk.DbAsync(db => db.BlockedUsers.AnyAsync()));
        Assert.Contains("not blocked", await desk.RunAsync(desk.ModActor, "unblock", "member"), StringComparison.Ordinal);
    }

    [Theory, BothProviders]
    public async Task Email_members_are_blocked_by_address_and_refusals_store_nothing(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);

        Assert.Contains("bob@example.com is blocked", await desk.RunAsync(desk.ModActor, "block", "Bob@Example.com 2w", inTicket: false), StringComparison.Ordinal);
        await using (var scope = desk.App.CreateScope())
        {
            var blocks = scope.ServiceProvider.GetRequiredService<BlockList>();
            Assert.True(await blocks.IsBlockedAsync("bob@example.com", desk.Clock.GetUtcNow().UtcDateTime));
            Assert.True(await blocks.IsBlockedAsync("BOB@example.com", desk.Clock.GetUtcNow().UtcDateTime));
        }
        var before = await desk.DbAsync(db => db.BlockedUsers.AsNoTracking().SingleAsync());

        Assert.Contains("\"forever\" is not a duration", await desk.RunAsync(desk.ModActor, "block", "bob@example.com forever"), StringComparison.Ordinal);
        Assert.Contains("No user \"ghost\"", await desk.RunAsync(desk.ModActor, "block", "ghost"), StringComparison.Ordinal);
        Assert.Contains("cannot block that user", await desk.RunAsync(desk.ModActor, "block", "mod"), StringComparison.Ordinal);
        Assert.Contains("Only the desk's staff", await desk.RunAsync(desk.MemberActor, "block", "mod2"), StringComparison.Ordinal);
        Assert.StartsWith("⚠ Usage: !block", await desk.RunAsync(desk.ModActor, "block", inTicket: false), StringComparison.Ordinal);
        Assert.StartsWith("⚠ Usage: !block", await desk.RunAsync(desk.ModActor, "block", "a b c"), StringComparison.Ordinal);

        var after = await desk.DbAsync(db => db.BlockedUsers.AsNoTracking().SingleAsync());
        Assert.Equal((before.UserId, before.ExpiresAt, before.BlockedAt), (after.UserId, after.ExpiresAt, after.BlockedAt));
    }
}
