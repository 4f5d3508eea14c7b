using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Snippets;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Commands;

/// <summary><c>status</c>, <c>logs</c>, <c>id</c>, <c>ping</c>, <c>help</c>, <c>snippet</c> (its refusals and list), <c>new_thread</c>.</summary>
public sealed class InformationCommandsTests
{
    [Theory, BothProviders]
    public async Task Status_sets_and_clears_the_desk_status_live_and_refuses_a_long_one(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider, b => b.Configuration["Modmail:MaxStatusLength"] = "20");

        Assert.Contains("now \"Back at 9\"", await desk.RunAsync(desk.ModActor, "status", "  Back at 9 ", inTicket: false), StringComparison.Ordinal);
        Assert.Equal("Back at 9", await desk.DbAsync(db => db.Desks.Select(d => d.StatusText).SingleAsync()));

        Assert.Contains("at most 20 characters", await desk.RunAsync(desk.ModActor, "status", new string('x', 21)), StringComparison.Ordinal);
        Assert.Contains("Only the desk's staff", await desk.RunAsync(desk.MemberActor, "status", "hacked"), StringComparison.Ordinal);
        Assert.Equal("Back at 9", await desk.DbAsync(db => db.Desks.Select(d => d.StatusText).SingleAsync()));

        Assert.Contains("status is cleared", await desk.RunAsync(desk.ModActor, "status"), StringComparison.Ordinal);
        Assert.Null(await desk.DbAsync(db => db.Desks.Select(d => d.StatusText).SingleAsync()));
    }

    [Theory, BothProviders]
    public async Task Logs_lists_the_members_other_tickets_newest_first_with_transcript_links(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider, b => b.Configuration["Modmail:LogsListLength"] = "2");
        var now = desk.Clock.GetUtcNow().UtcDateTime;
        var member = desk.Member.Id.ToString();
        var (oldest, middle, newest) = await desk.DbAsync(async db => (
            await desk.TicketAsync(db, member, "member", TicketStatus.Closed, now.AddDays(-30)),
            await desk.TicketAsync(db, member, "member", TicketStatus.Closed, now.AddDays(-20)),
            await desk.TicketAsync(db, member, "member", TicketStatus.Closed, now.AddDays(-10))));
        await desk.DbAsync(async db => await desk.TicketAsync(db, "someone@example.com", "someone", TicketStatus.Closed, now.AddDays(-5), TransportNames.Email));

        var answer = await desk.RunAsync(desk.ModActor, "logs");

        Assert.Contains("member: 3 other tickets, the latest 2:", answer, StringComparison.Ordinal);
        Assert.True(answer.IndexOf($"/modmail/tickets/{newest}", StringComparison.Ordinal) < answer.IndexOf($"/modmail/tickets/{middle}", StringComparison.Ordinal));
        Assert.DoesNotContain(oldest.ToString(), answer, StringComparison.Ordinal);
        Assert.DoesNotContain(desk.TicketId.ToString(), answer, StringComparison.Ordinal);

        // Outside a ticket: by user or email address; nobody named is a usage answer.
        Assert.Contains("member: 4 other tickets", await desk.RunAsync(desk.ModActor, "logs", "@member", inTicket: false), StringComparison.Ordinal);
        Assert.Contains("someone@example.com: 1 other ticket:", await desk.RunAsync(desk.ModActor, "logs", "SOMEONE@example.com", inTicket: false), StringComparison.Ordinal);
        Assert.Contains("No other tickets from mod2", await desk.RunAsync(desk.ModActor, "logs", "mod2"), StringComparison.Ordinal);
        Assert.StartsWith("⚠ Usage: !logs", await desk.RunAsync(desk.ModActor, "logs", inTicket: false), StringComparison.Ordinal);
        Assert.Contains("Only the desk's staff", await desk.RunAsync(desk.MemberActor, "logs"), StringComparison.Ordinal);
    }

    [Theory, BothProviders]
    public async Task Id_ping_help_snippet_and_new_thread_answer_in_the_channel(string provider)
    {
        await using var desk = await StaffDesk.StartAsync(provider);
        await desk.DbAsync(async db =>
        {
            var now = desk.Clock.GetUtcNow().UtcDateTime;
            db.Snippets.Add(new Snippet { Key = "refund", Content = "Refunds take 5 days.", CreatedBy = desk.Mod.Id.ToString(), CreatedAt = now, UpdatedAt = now });
            db.Snippets.Add(new Snippet { Key = "hello", Content = "Hello!", CreatedBy = desk.Mod.Id.ToString(), CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        });

        Assert.Contains($"`{desk.Member.Id}` (chat)", await desk.RunAsync(desk.ModActor, "id"), StringComparison.Ordinal);
        Assert.Contains("in a ticket channel", await desk.RunAsync(desk.ModActor, "id", inTicket: false), StringComparison.Ordinal);
        Assert.StartsWith("🏓 Pong!", await desk.RunAsync(desk.ModActor, "ping", inTicket: false), StringComparison.Ordinal);
        Assert.Null(desk.Channels.LastNotice!.TicketId);
        Assert.Contains("!move_thread <category>", await desk.RunAsync(desk.ModActor, "help"), StringComparison.Ordinal);

        Assert.Equal("Snippets: hello, refund", await desk.RunAsync(desk.ModActor, "snippet"));
        Assert.Contains("No snippet \"nope\"", await desk.RunAsync(desk.ModActor, "s", "nope -a"), StringComparison.Ordinal);
        Assert.False(await desk.DbAsync(db => db.TicketMessages.AnyAsync()));

        Assert.Contains("No user \"ghost\"", await desk.RunAsync(desk.ModActor, "new_thread", "ghost", inTicket: false), StringComparison.Ordinal);
        Assert.Equal(1, await desk.DbAsync(db => db.Tickets.CountAsync()));
    }
}
