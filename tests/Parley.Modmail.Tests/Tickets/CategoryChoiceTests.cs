using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Modmail.Blocks;
using Parley.Modmail.Desks;
using Parley.Modmail.Panel;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>
/// Rustmail's ticket categories chosen by the member: a desk with <c>category_selection</c> answers a member's first
/// message with the list, keeps what they write, and opens the ticket in the category they name — or without one when
/// they do not answer in time (a job on the test clock, across a restart).
/// </summary>
public sealed class CategoryChoiceTests
{
    private static async Task<(TestApp App, FakeTimeProvider Clock, SupportRoom Room)> StartAsync(string provider, bool selection = true)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Auth:AccessTokenMinutes"] = "1440" },
            b => b.Services.AddSingleton<TimeProvider>(clock));
        var room = await SupportRoom.CreateAsync(app);
        await room.WithModmailAsync(async db =>
        {
            var desk = await db.Desks.SingleAsync(d => d.Id == room.DeskId);
            desk.CategorySelection = selection;
            db.Categories.Add(new TicketCategory { DeskId = room.DeskId, Name = "General", Position = 0 });
            db.Categories.Add(new TicketCategory
            {
                DeskId = room.DeskId, Name = "Billing", Emoji = "💳", Description = "Invoices and refunds", Position = 1, RequiredPermissions = "[\"billing\"]",
            });
            db.Categories.Add(new TicketCategory { DeskId = room.DeskId, Name = "Old", Position = 2, Enabled = false });
            // Carol may see billing tickets; dave, also a moderator, may not.
            db.PanelPermissions.Add(new PanelPermission { SubjectType = "user", SubjectId = room.Carol.Id.ToString(), Permission = "billing", GrantedBy = "test" });
            return await db.SaveChangesAsync();
        });
        return (app, clock, room);
    }

    [Theory, BothProviders]
    public async Task The_member_gets_the_list_a_wrong_answer_repeats_it_and_the_number_opens_the_ticket_in_that_category_with_what_they_wrote(string provider)
    {
        var (app, _, room) = await StartAsync(provider);
        await using var __ = app;
        var dm = await room.BobsDmAsync();
        await using var bob = await app.HubAsync(room.Bob, HubProtocol.Json, "message.created");
        await bob.InvokeAsync("Subscribe", dm);

        await room.BobWritesAsync("My invoice is wrong");
        var list = (await room.NextFromBotAsync(bob, "message.created")).Str("plaintext");
        Assert.StartsWith("Before your message reaches staff: what is it about?\n1. **General**\n2. 💳 **Billing** — Invoices and refunds\n0. No category\n", list);
        Assert.Contains("Reply with the number or the name", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Old", list, StringComparison.Ordinal);
        Assert.Null(await room.TicketAsync());

        await room.BobWritesAsync("also, twice charged");
        var again = (await room.NextFromBotAsync(bob, "message.created")).Str("plaintext");
        Assert.StartsWith("⚠ \"also, twice charged\" is not one of the categories.\n1. **General**\n2. 💳 **Billing**", again);
        Assert.Null(await room.TicketAsync());

        await room.BobWritesAsync("2");
        Assert.StartsWith("Thanks for your message", (await room.NextFromBotAsync(bob, "message.created")).Str("plaintext"));
        var ticket = (await room.TicketAsync())!;
        var billing = await room.WithModmailAsync(db => db.Categories.AsNoTracking().SingleAsync(c => c.Name == "Billing"));
        Assert.Equal((billing.Id.ToString("D"), "Billing", "[\"billing\"]"), (ticket.CategoryId, ticket.CategoryName, ticket.RequiredPermissions));
        Assert.Equal(["My invoice is wrong", "also, twice charged"],
            (await room.MessagesAsync(ticket.Id)).Where(m => m.Kind == TicketMessageKinds.Member).Select(m => m.Content));
        Assert.Equal([TicketStatus.Open], await room.WithModmailAsync(db => db.TicketStatusChanges.Where(s => s.ThreadId == ticket.Id).Select(s => s.Status).ToListAsync()));
        Assert.False(await room.WithModmailAsync(db => db.CategoryChoices.AnyAsync()));

        // The channel: carol (granted billing) reads both messages in order; dave, a moderator without it, does not see it.
        var channel = Guid.Parse(ticket.ChannelId!);
        // The welcome reaches the member before the held messages are relayed: wait for the second one.
        await Eventually.Until(async () => (await room.ChannelTextsAsync(channel, room.Carol)).Contains("**bob**\nalso, twice charged"));
        var texts = await room.ChannelTextsAsync(channel, room.Carol);
        Assert.Contains("New ticket from **bob** (chat) in **Billing**.", texts[0], StringComparison.Ordinal);
        Assert.Equal(["**bob**\nMy invoice is wrong", "**bob**\nalso, twice charged"], texts.Where(t => t is not null && t.StartsWith("**bob**", StringComparison.Ordinal)));
        Assert.DoesNotContain(texts, t => t == "**bob**\n2");
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Get, $"/api/chat/channels/{channel}/messages", room.Dave);

        // The answer is noted in the transcript with its DM id, so recover (which looks again just behind its cursor)
        // finds it seen and does not relay "2" to staff.
        Assert.Contains(await room.MessagesAsync(ticket.Id), m => m.Kind == TicketMessageKinds.System && m.Content == "The member chose the category Billing.");
        await app.PostAsync(channel, room.Carol, "!recover");
        await Eventually.Until(async () => (await room.ChannelTextsAsync(channel, room.Carol)).Any(t => t is not null && t.StartsWith("🔄 Recovery: 0 missed", StringComparison.Ordinal)));
        Assert.DoesNotContain(await room.ChannelTextsAsync(channel, room.Carol), t => t == "**bob**\n2");

        // The next message goes straight into the ticket.
        await room.BobWritesAsync("any news?");
        await Eventually.Until(async () => (await room.ChannelTextsAsync(channel, room.Carol)).Contains("**bob**\nany news?"));
    }

    [Theory, BothProviders]
    public async Task The_name_chooses_case_insensitively_and_no_category_opens_an_uncategorised_ticket(string provider)
    {
        var (app, _, room) = await StartAsync(provider);
        await using var __ = app;
        await room.BobsDmAsync();
        await room.BobWritesAsync("hello");
        await room.BobWritesAsync("  general ");
        var ticket = (await room.TicketAsync())!;
        Assert.Equal("General", ticket.CategoryName);
        Assert.Null(ticket.RequiredPermissions);
        Assert.Equal(["hello"], (await room.MessagesAsync(ticket.Id)).Where(m => m.Kind == TicketMessageKinds.Member).Select(m => m.Content));
        // Both moderators see a General ticket.
        await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{ticket.ChannelId}/messages", room.Dave);

        await app.PostAsync(Guid.Parse(ticket.ChannelId!), room.Carol, "!close");
        await room.BobWritesAsync("another thing");
        await room.BobWritesAsync("0");
        var second = (await room.TicketAsync())!;
        Assert.NotEqual(ticket.Id, second.Id);
        Assert.Null(second.CategoryId);
        Assert.Null(second.CategoryName);
    }

    [Theory, BothProviders]
    public async Task Without_an_answer_the_ticket_opens_uncategorised_when_the_time_is_up_even_across_a_restart(string provider)
    {
        var (app, clock, room) = await StartAsync(provider);
        await using var __ = app;
        var dm = await room.BobsDmAsync();
        await room.BobWritesAsync("is anyone there?");
        Assert.True(await room.WithModmailAsync(db => db.CategoryChoices.AnyAsync()));

        await app.RestartAsync();
        await using var bob = await app.HubAsync(room.Bob, HubProtocol.Json, "message.created");
        await bob.InvokeAsync("Subscribe", dm);
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Null(await room.TicketAsync());
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.StartsWith("Thanks for your message", (await room.NextFromBotAsync(bob, "message.created")).Str("plaintext"));
        var ticket = (await room.TicketAsync())!;
        Assert.Null(ticket.CategoryId);
        Assert.Null(ticket.RequiredPermissions);
        Assert.Equal(["is anyone there?"], (await room.MessagesAsync(ticket.Id)).Where(m => m.Kind == TicketMessageKinds.Member).Select(m => m.Content));
        // The welcome reaches the member before the held message is relayed into the channel.
        await Eventually.Until(async () => (await room.ChannelTextsAsync(Guid.Parse(ticket.ChannelId!), room.Dave)).Contains("**bob**\nis anyone there?"));
        Assert.False(await room.WithModmailAsync(db => db.CategoryChoices.AnyAsync()));
    }

    [Theory, BothProviders]
    public async Task Selection_off_opens_at_once_and_a_blocked_member_gets_the_block_notice_not_the_list(string provider)
    {
        var (app, _, room) = await StartAsync(provider, selection: false);
        await using var __ = app;
        var dm = await room.BobsDmAsync();
        await using var bob = await app.HubAsync(room.Bob, HubProtocol.Json, "message.created");
        await bob.InvokeAsync("Subscribe", dm);

        await room.BobWritesAsync("straight in");
        Assert.StartsWith("Thanks for your message", (await room.NextFromBotAsync(bob, "message.created")).Str("plaintext"));
        var ticket = (await room.TicketAsync())!;
        Assert.Null(ticket.CategoryId);
        await app.PostAsync(Guid.Parse(ticket.ChannelId!), room.Carol, "!close -s");

        await room.WithModmailAsync(async db =>
        {
            (await db.Desks.SingleAsync(d => d.Id == room.DeskId)).CategorySelection = true;
            db.BlockedUsers.Add(new BlockedUser { UserId = room.Bob.Id.ToString(), UserName = "bob", BlockedBy = room.Carol.Id.ToString() });
            return await db.SaveChangesAsync();
        });
        await room.BobWritesAsync("let me in");
        Assert.Equal(MemberMessages.BlockedNotice, (await room.NextFromBotAsync(bob, "message.created")).Str("plaintext"));
        Assert.False(await room.WithModmailAsync(db => db.CategoryChoices.AnyAsync()));
        Assert.Equal(ticket.Id, (await room.TicketAsync())!.Id);
    }

    [Theory, BothProviders]
    public async Task Staff_open_a_ticket_in_a_named_category_and_what_a_choosing_member_wrote_joins_it(string provider)
    {
        var (app, _, room) = await StartAsync(provider);
        await using var __ = app;
        await room.BobsDmAsync();
        await room.BobWritesAsync("i was charged twice");
        Assert.Null(await room.TicketAsync());

        await using var scope = app.CreateScope();
        var tickets = scope.ServiceProvider.GetRequiredService<MemberMessages>();
        var desk = await room.WithModmailAsync(db => db.Desks.AsNoTracking().SingleAsync(d => d.Id == room.DeskId));
        var carol = new Parley.Modmail.Staff.StaffActor(room.Carol.Id, "carol", "Moderator");
        Assert.Equal("category_not_found", (await tickets.OpenByStaffAsync(desk, room.Bob.Id, "bob", carol, "Sales", CancellationToken.None)).Refusal!.Code);
        var (opened, refusal) = await tickets.OpenByStaffAsync(desk, room.Bob.Id, "bob", carol, "BILLING", CancellationToken.None);

        Assert.Null(refusal);
        var ticket = (await room.TicketAsync())!;
        Assert.Equal((opened, "Billing", "[\"billing\"]"), ((Guid?)ticket.Id, ticket.CategoryName, ticket.RequiredPermissions));
        Assert.Equal(["i was charged twice"], (await room.MessagesAsync(ticket.Id)).Where(m => m.Kind == TicketMessageKinds.Member).Select(m => m.Content));
        Assert.False(await room.WithModmailAsync(db => db.CategoryChoices.AnyAsync()));
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Get, $"/api/chat/channels/{ticket.ChannelId}/messages", room.Dave);
    }
}
