using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Chat.Storage;
using Parley.Modmail.Closing;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>
/// The "Must show" flow with two real SignalR clients: bob (a member) writes to the desk's bot, carol (staff)
/// answers in the ticket channel with text commands; every relay is watched arriving on the other side.
/// Time is a <see cref="FakeTimeProvider"/>: advancing it makes a scheduled close's job due.
/// </summary>
public sealed class TicketFlowTests
{
    private static async Task<(TestApp App, FakeTimeProvider Clock)> StartAsync(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        // Access tokens outlive the hours the test clock moves on.
        var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Auth:AccessTokenMinutes"] = "1440" },
            b => b.Services.AddSingleton<TimeProvider>(clock));
        return (app, clock);
    }

    [Theory, BothProviders]
    public async Task A_member_writes_staff_answer_named_and_anonymously_edit_delete_and_a_scheduled_close_is_cancelled_then_fires(string provider)
    {
        var (app, clock) = await StartAsync(provider);
        await using var _ = app;
        var room = await SupportRoom.CreateAsync(app);
        var dm = await room.BobsDmAsync();
        await using var bob = await app.HubAsync(room.Bob, HubProtocol.Json, "message.created", "message.updated", "message.deleted");
        await using var carol = await app.HubAsync(room.Carol, HubProtocol.Json, "channel.created", "message.created", "message.updated", "message.deleted");
        await bob.InvokeAsync("Subscribe", dm);

        // Bob writes: the welcome reaches him, a ticket channel appears for carol with his message in it.
        await room.BobWritesAsync("My crab is sick");
        var welcome = await room.NextFromBotAsync(bob, "message.created");
        Assert.Equal(room.BotId.ToString(), welcome.Str("sender_id"));
        Assert.StartsWith("Thanks for your message", welcome.Str("plaintext"));
        var appeared = await carol.NextAsync("channel.created");
        Assert.Equal("bob", appeared.Str("name"));
        var channel = Guid.Parse(appeared.Str("id"));
        var ticket = (await room.TicketAsync())!;
        Assert.Equal(channel.ToString(), ticket.ChannelId);
        Assert.Equal(room.Bob.Id.ToString(), ticket.UserId);
        Assert.True(ticket.AwaitingStaff);
        Assert.Contains(await room.ChannelTextsAsync(channel, room.Carol), t => t == "**bob**\nMy crab is sick");
        await carol.InvokeAsync("Subscribe", channel);

        // A named reply, numbered, signed with name and role; the command message is replaced by the bot's copy.
        await app.PostAsync(channel, room.Carol, "!reply Hello bob");
        var named = await room.NextFromBotAsync(bob, "message.created");
        Assert.Equal("**carol** (Moderator)\nHello bob\n— #1", named.Str("plaintext"));
        // An anonymous one, signed with the desk's anonymous name (the community's).
        await app.PostAsync(channel, room.Carol, "!ar We are looking into it");
        Assert.Equal("**Crabs**\nWe are looking into it\n— #2", (await room.NextFromBotAsync(bob, "message.created")).Str("plaintext"));
        var staffTexts = await room.ChannelTextsAsync(channel, room.Carol);
        Assert.Contains(staffTexts, t => t == "**carol** (Moderator) → member\nHello bob\n— #1");
        Assert.Contains(staffTexts, t => t == "**Crabs** (anonymous, by carol) → member\nWe are looking into it\n— #2");
        Assert.DoesNotContain(staffTexts, t => t is not null && t.StartsWith("!r", StringComparison.Ordinal));

        // Edit and delete #1 on both sides.
        var copies = await room.MessagesAsync(ticket.Id);
        var first = copies.Single(m => m.MessageNumber == 1);
        await app.PostAsync(channel, room.Carol, "!edit 1 Hello again bob");
        var edited = await bob.NextAsync("message.updated");
        Assert.Equal(first.DmMessageId, edited.Str("id"));
        Assert.Equal("**carol** (Moderator)\nHello again bob\n— #1", edited.Str("plaintext"));
        await Eventually.Until(async () => (await room.ChannelTextsAsync(channel, room.Carol)).Contains("**carol** (Moderator) → member\nHello again bob\n— #1"));
        await app.PostAsync(channel, room.Carol, "!delete 1");
        Assert.Equal(first.DmMessageId, (await bob.NextAsync("message.deleted")).Str("id"));
        await Eventually.Until(async () => !(await room.ChannelTextsAsync(channel, room.Carol)).Any(t => t is not null && t.EndsWith("Hello again bob\n— #1", StringComparison.Ordinal)));

        // A staff note is recorded, never relayed: bob's next message is reply #3.
        await app.PostAsync(channel, room.Carol, "he wrote before, see last week");
        await app.PostAsync(channel, room.Carol, "!r Third");
        Assert.Equal("**carol** (Moderator)\nThird\n— #3", (await room.NextFromBotAsync(bob, "message.created")).Str("plaintext"));
        var recorded = await room.MessagesAsync(ticket.Id);
        Assert.Equal("he wrote before, see last week", Assert.Single(recorded, m => m.Kind == TicketMessageKinds.Note).Content);
        Assert.Equal([1, 2, 3], recorded.Where(m => m.Kind == TicketMessageKinds.Staff).Select(m => m.MessageNumber!.Value));
        Assert.NotNull(recorded.Single(m => m.MessageNumber == 1).DeletedAt);
        Assert.Equal("Hello again bob", recorded.Single(m => m.MessageNumber == 1).Content);
        ticket = (await room.TicketAsync())!;
        Assert.NotNull(ticket.FirstResponseAt);
        Assert.False(ticket.AwaitingStaff);

        // close 1h, then bob writes: the close is off.
        await app.PostAsync(channel, room.Carol, "!close 1h");
        Assert.True(await room.WithModmailAsync(db => db.ScheduledClosures.AnyAsync(c => c.ThreadId == ticket.Id)));
        await room.BobWritesAsync("Wait, one more thing");
        Assert.False(await room.WithModmailAsync(db => db.ScheduledClosures.AnyAsync(c => c.ThreadId == ticket.Id)));
        Assert.Contains(await room.ChannelTextsAsync(channel, room.Carol), t => t == "The scheduled close was cancelled: the member wrote again.");
        clock.Advance(TimeSpan.FromHours(1));
        await Eventually.Until(() => room.WithModmailAsync(db => db.Jobs.AnyAsync(j => j.Kind == ScheduledCloseJob.JobKind && j.State == "succeeded")));
        Assert.Equal(TicketStatus.Open, (await room.TicketAsync())!.Status);

        // close 1h again, across a restart: it fires when the clock gets there.
        await app.PostAsync(channel, room.Carol, "!close 1h");
        await app.RestartAsync();
        await using var bobAgain = await app.HubAsync(room.Bob, HubProtocol.Json, "message.created");
        await bobAgain.InvokeAsync("Subscribe", dm);
        clock.Advance(TimeSpan.FromMinutes(59));
        clock.Advance(TimeSpan.FromMinutes(1));
        var closing = await room.NextFromBotAsync(bobAgain, "message.created");
        Assert.StartsWith("This ticket has been closed", closing.Str("plaintext"));
        ticket = (await room.TicketAsync())!;
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(TicketClosing.System, ticket.ClosedBy);
        var statuses = await room.WithModmailAsync(db => db.TicketStatusChanges.Where(s => s.ThreadId == ticket.Id).OrderBy(s => s.Id).Select(s => s.Status).ToListAsync());
        Assert.Equal([TicketStatus.Open, TicketStatus.Closed], statuses);
        // The channel is archived (last, after the closing message): staff read it, nobody posts in it.
        await Eventually.Until(async () =>
        {
            await using var scope = app.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Channels.AnyAsync(c => c.Id == channel && c.Archived);
        });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "channel_archived", HttpMethod.Post, $"/api/chat/channels/{channel}/messages", room.Carol, new { plaintext = "hello?" });

        // Bob writes again: a new ticket, a new channel.
        await room.BobWritesAsync("Another problem");
        var second = (await room.TicketAsync())!;
        Assert.NotEqual(ticket.Id, second.Id);
        Assert.NotEqual(ticket.ChannelId, second.ChannelId);
    }

    [Theory, BothProviders]
    public async Task A_closed_ticket_sends_the_closing_message_unless_silent_and_close_cancel_needs_a_schedule(string provider)
    {
        var (app, _) = await StartAsync(provider);
        await using var __ = app;
        var room = await SupportRoom.CreateAsync(app);
        var dm = await room.BobsDmAsync();
        await room.BobWritesAsync("hi");
        var channel = Guid.Parse((await room.TicketAsync())!.ChannelId!);

        await app.PostAsync(channel, room.Carol, "!close cancel");
        Assert.Contains(await room.ChannelTextsAsync(channel, room.Carol), t => t == "⚠ No close is scheduled for this ticket.");
        await app.PostAsync(channel, room.Carol, "!close soon");
        Assert.Contains(await room.ChannelTextsAsync(channel, room.Carol), t => t is not null && t.StartsWith("⚠ Usage: `!close", StringComparison.Ordinal));
        await app.PostAsync(channel, room.Carol, "!frobnicate");
        Assert.Contains(await room.ChannelTextsAsync(channel, room.Carol), t => t == "⚠ Unknown command `!frobnicate`. `!help` lists them.");
        await app.PostAsync(channel, room.Carol, "!close -s");
        Assert.Equal(TicketStatus.Closed, (await room.TicketAsync())!.Status);
        // Silent: bob's DM holds the welcome and nothing after it.
        var bobSees = await room.ChannelTextsAsync(dm, room.Bob);
        Assert.Equal(2, bobSees.Count);
        Assert.DoesNotContain(bobSees, t => t is not null && t.StartsWith("This ticket has been closed", StringComparison.Ordinal));

        await room.BobWritesAsync("hi again");
        var reopened = Guid.Parse((await room.TicketAsync())!.ChannelId!);
        await app.PostAsync(reopened, room.Carol, "!c");
        Assert.Equal("This ticket has been closed. Write again if you need anything else.", (await room.ChannelTextsAsync(dm, room.Bob)).Last());
    }
}
