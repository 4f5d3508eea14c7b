using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Desks;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Commands;

/// <summary><c>move_thread</c>, <c>add_staff</c>, <c>remove_staff</c>: the rows they write and the member syncs they ask for.</summary>
public sealed class TicketAccessCommandsTests
{
    [Theory, BothProviders]
    public async Task Move_thread_finds_the_category_by_name_in_any_case_copies_its_permissions_and_syncs_members(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);
        var now = desk.Clock.GetUtcNow().UtcDateTime;
        var billing = new TicketCategory { DeskId = desk.DeskId, Name = "Billing", RequiredPermissions = "[\"billing\"]", CreatedAt = now };
        await desk.DbAsync(async db =>
        {
            db.Categories.Add(billing);
            db.Categories.Add(new TicketCategory { DeskId = desk.DeskId, Name = "Retired", Enabled = false, CreatedAt = now });
            // Mod may see billing tickets, so the ticket stays theirs after the move (without it, it is hidden: not found).
            db.PanelPermissions.Add(new Parley.Modmail.Panel.PanelPermission { SubjectType = "user", SubjectId = desk.Mod.Id.ToString(), Permission = "billing", GrantedBy = "test" });
            await db.SaveChangesAsync();
        });

        var answer = await desk.RunAsync(desk.ModActor, "mv", "billing");

        Assert.Contains("moved this ticket to Billing", answer, StringComparison.Ordinal);
        var ticket = await desk.TicketAsync();
        Assert.Equal((billing.Id.ToString(), "Billing", "[\"billing\"]"), (ticket.CategoryId, ticket.CategoryName, ticket.RequiredPermissions));
        Assert.Equal([desk.TicketId], desk.Channels.Syncs);

        // Refusals answer in one line and change nothing.
        Assert.Contains("already in Billing", await desk.RunAsync(desk.ModActor, "move_thread", "BILLING"), StringComparison.Ordinal);
        Assert.Contains("No category named \"Sales\" (known: Billing)", await desk.RunAsync(desk.ModActor, "move_thread", "Sales"), StringComparison.Ordinal);
        Assert.Contains("No category named \"retired\"", await desk.RunAsync(desk.ModActor, "move_thread", "retired"), StringComparison.Ordinal);
        Assert.StartsWith("⚠ Usage: !move_thread <category>", await desk.RunAsync(desk.ModActor, "move_thread"), StringComparison.Ordinal);
        Assert.Contains("Only the desk's staff", await desk.RunAsync(desk.MemberActor, "move_thread", "Billing"), StringComparison.Ordinal);
        Assert.Contains("in a ticket channel", await desk.RunAsync(desk.ModActor, "move_thread", "Billing", inTicket: false), StringComparison.Ordinal);
        Assert.Single(desk.Channels.Syncs);
        Assert.Equal(ticket.UpdatedAt, (await desk.TicketAsync()).UpdatedAt);
    }

    [Theory, BothProviders]
    public async Task Add_and_remove_staff_write_thread_staff_rows_and_sync_members(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);

        Assert.Contains("added mod2 to this ticket", await desk.RunAsync(desk.ModActor, "add_staff", "@MOD2"), StringComparison.Ordinal);
        var row = await desk.DbAsync(db => db.TicketStaff.AsNoTracking().SingleAsync());
        Assert.Equal((desk.TicketId, desk.Mod2.Id.ToString(), desk.Mod.Id.ToString()), (row.ThreadId, row.UserId, row.AddedBy));
        Assert.Equal(desk.Clock.GetUtcNow().UtcDateTime, row.AddedAt, TimeSpan.FromMilliseconds(1));

        // By id works too; a second add, an unknown user and someone outside the staff community are refused.
        Assert.Contains("already added", await desk.RunAsync(desk.ModActor, "add_staff", desk.Mod2.Id.ToString()), StringComparison.Ordinal);
        Assert.Contains("No user \"ghost\"", await desk.RunAsync(desk.ModActor, "add_staff", "ghost"), StringComparison.Ordinal);
        Assert.Contains("not a member of the staff community", await desk.RunAsync(desk.ModActor, "add_staff", "outsider"), StringComparison.Ordinal);
        Assert.Equal(1, await desk.DbAsync(db => db.TicketStaff.CountAsync()));
        Assert.Single(desk.Channels.Syncs);

        // Someone given the ticket acts on it like staff; the ticket's own member cannot be given it.
        Assert.Contains("Only the desk's staff", await desk.RunAsync(desk.HelperActor, "alert"), StringComparison.Ordinal);
        await desk.RunAsync(desk.ModActor, "add_staff", "helper");
        Assert.Contains("helper will be pinged", await desk.RunAsync(desk.HelperActor, "alert"), StringComparison.Ordinal);
        Assert.Contains("is this ticket's member", await desk.RunAsync(desk.ModActor, "add_staff", "member"), StringComparison.Ordinal);
        Assert.Contains("removed helper", await desk.RunAsync(desk.ModActor, "remove_staff", "helper"), StringComparison.Ordinal);

        Assert.Contains("removed mod2", await desk.RunAsync(desk.ModActor, "remove_staff", "mod2"), StringComparison.Ordinal);
        Assert.False(await desk.DbAsync(db => db.TicketStaff.AnyAsync()));
        Assert.Contains("was not added", await desk.RunAsync(desk.ModActor, "remove_staff", "mod2"), StringComparison.Ordinal);
        Assert.Equal(4, desk.Channels.Syncs.Count);
    }

    [Theory, BothProviders]
    public async Task A_closed_ticket_refuses_changes(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);
        await desk.DbAsync(db => db.Tickets.Where(t => t.Id == desk.TicketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Closed)));

        Assert.Contains("This ticket is closed", await desk.RunAsync(desk.ModActor, "add_staff", "mod2"), StringComparison.Ordinal);
        Assert.Contains("This ticket is closed", await desk.RunAsync(desk.ModActor, "take"), StringComparison.Ordinal);
        Assert.Contains("This ticket is closed", await desk.RunAsync(desk.ModActor, "add_reminder", "1h"), StringComparison.Ordinal);
        Assert.Contains("This ticket is closed", await desk.RunAsync(desk.ModActor, "alert"), StringComparison.Ordinal);

        Assert.False(await desk.DbAsync(db => db.TicketStaff.AnyAsync()));
        Assert.False(await desk.DbAsync(db => db.Reminders.AnyAsync()));
        Assert.False(await desk.DbAsync(db => db.StaffAlerts.AnyAsync()));
        Assert.Null((await desk.TicketAsync()).AssignedTo);
        Assert.Empty(desk.Channels.Syncs);
    }
}
