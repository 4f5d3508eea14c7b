using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Bots;
using Parley.Modmail.Alerts;
using Parley.Modmail.Blocks;
using Parley.Modmail.Panel;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>The engine's rules around the main flow: blocks, one open ticket, who sees a ticket, members who leave, alerts.</summary>
public sealed class TicketRulesTests
{
    [Theory, BothProviders]
    public async Task A_blocked_members_message_is_refused_with_a_notice_and_nothing_is_relayed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var room = await SupportRoom.CreateAsync(app);
        var dm = await room.BobsDmAsync();
        await using var bob = await app.HubAsync(room.Bob, HubProtocol.Json, "message.created");
        await bob.InvokeAsync("Subscribe", dm);
        await room.WithModmailAsync(async db =>
        {
            db.BlockedUsers.Add(new BlockedUser { UserId = room.Bob.Id.ToString(), UserName = "bob", BlockedBy = room.Carol.Id.ToString() });
            return await db.SaveChangesAsync();
        });

        await room.BobWritesAsync("let me in");

        Assert.Equal(MemberMessages.BlockedNotice, (await room.NextFromBotAsync(bob, "message.created")).Str("plaintext"));
        Assert.Null(await room.TicketAsync());
        Assert.False(await room.WithModmailAsync(db => db.TicketMessages.AnyAsync()));

        // An expired block holds no more.
        await room.WithModmailAsync(async db =>
        {
            var block = await db.BlockedUsers.SingleAsync();
            block.ExpiresAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        await room.BobWritesAsync("now?");
        Assert.NotNull(await room.TicketAsync());
    }

    [Theory, BothProviders]
    public async Task Two_quick_messages_open_one_ticket_and_a_message_seen_before_is_not_relayed_twice(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var room = await SupportRoom.CreateAsync(app);
        await room.BobsDmAsync();

        await Task.WhenAll(room.BobWritesAsync("one"), room.BobWritesAsync("two"), room.BobWritesAsync("three"));

        var tickets = await room.WithModmailAsync(db => db.Tickets.AsNoTracking().ToListAsync());
        var ticket = Assert.Single(tickets);
        var relayed = (await room.MessagesAsync(ticket.Id)).Where(m => m.Kind == TicketMessageKinds.Member).ToList();
        Assert.Equal(["one", "three", "two"], relayed.Select(m => m.Content).Order());
        Assert.All(relayed, m => Assert.NotNull(m.InboxMessageId));
        var channelTexts = await room.ChannelTextsAsync(Guid.Parse(ticket.ChannelId!), room.Carol);
        Assert.Equal(3, channelTexts.Count(t => t is not null && t.StartsWith("**bob**", StringComparison.Ordinal)));

        // The same member-side message again (recover after a restart): nothing.
        await using var scope = app.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<MemberMessages>().ReceiveAsync(new IncomingMemberMessage(
            room.DeskId, TransportNames.Chat, room.Bob.Id.ToString(), "bob", ticket.MemberConversationId, relayed[0].DmMessageId!, "one", [], TimeProvider.System.GetUtcNow().UtcDateTime),
            CancellationToken.None);
        Assert.Equal(MemberMessageResult.Duplicate, outcome.Result);
        Assert.Equal(3, (await room.MessagesAsync(ticket.Id)).Count(m => m.Kind == TicketMessageKinds.Member));
    }

    [Theory, BothProviders]
    public async Task Staff_without_the_categorys_permission_are_not_in_the_ticket_channel(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var room = await SupportRoom.CreateAsync(app);
        await room.BobsDmAsync();
        await room.BobWritesAsync("about my invoice");
        var ticket = (await room.TicketAsync())!;
        var channel = Guid.Parse(ticket.ChannelId!);
        Assert.Superset(new HashSet<Guid> { room.Alice.Id, room.Carol.Id, room.Dave.Id, room.BotId }, (await MembersAsync(app, channel)).ToHashSet());
        Assert.DoesNotContain(room.Bob.Id, await MembersAsync(app, channel));

        // The ticket moves to a category that needs "billing", which carol holds and dave does not.
        await room.WithModmailAsync(async db =>
        {
            var tracked = await db.Tickets.SingleAsync(t => t.Id == ticket.Id);
            tracked.CategoryName = "Billing";
            tracked.RequiredPermissions = "[\"billing\"]";
            db.PanelPermissions.Add(new PanelPermission
            {
                SubjectType = "user", SubjectId = room.Carol.Id.ToString(), Permission = "billing", GrantedBy = room.Alice.Id.ToString(),
            });
            return await db.SaveChangesAsync();
        });
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
            await scope.ServiceProvider.GetRequiredService<TicketChannels>().SyncMembersAsync(await db.Tickets.SingleAsync(t => t.Id == ticket.Id), CancellationToken.None);
        }

        var members = await MembersAsync(app, channel);
        Assert.Contains(room.Carol.Id, members);
        Assert.Contains(room.BotId, members);
        Assert.DoesNotContain(room.Dave.Id, members);
        Assert.DoesNotContain(room.Alice.Id, members);
        // Dave can neither read nor post there (a private channel answers non-members as if it did not exist), and his
        // reply through the engine is refused the same way.
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Get, $"/api/chat/channels/{channel}/messages", room.Dave);
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Post, $"/api/chat/channels/{channel}/messages", room.Dave, new { plaintext = "!r hi" });
        await using (var scope = app.CreateScope())
        {
            var (_, refusal) = await scope.ServiceProvider.GetRequiredService<StaffReplies>()
                .ReplyAsync(ticket.Id, new StaffActor(room.Dave.Id, "dave", "Moderator"), "hi", false, [], CancellationToken.None);
            Assert.Equal("ticket_not_found", refusal!.Code);
        }
        // A new ticket in no category is everyone's again.
        await app.PostAsync(channel, room.Carol, "!close");
        await room.BobWritesAsync("another");
        Assert.Contains(room.Dave.Id, await MembersAsync(app, Guid.Parse((await room.TicketAsync())!.ChannelId!)));
    }

    [Theory, BothProviders]
    public async Task A_member_who_leaves_is_marked_and_staff_are_told_and_only_force_close_closes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var room = await SupportRoom.CreateAsync(app);
        await room.BobsDmAsync();
        await room.BobWritesAsync("bye soon");
        var channel = Guid.Parse((await room.TicketAsync())!.ChannelId!);

        await app.OkAsync(HttpMethod.Post, $"/api/chat/communities/{room.Community}/leave", room.Bob);

        Assert.True((await room.TicketAsync())!.UserLeft);
        Assert.Contains(await room.ChannelTextsAsync(channel, room.Carol), t => t is not null && t.StartsWith("bob left the community", StringComparison.Ordinal));
        await app.PostAsync(channel, room.Carol, "!close");
        Assert.Equal(TicketStatus.Open, (await room.TicketAsync())!.Status);
        Assert.Contains(await room.ChannelTextsAsync(channel, room.Carol), t => t == "⚠ The member left: use force_close.");
        await app.PostAsync(channel, room.Carol, "!fc");
        Assert.Equal(TicketStatus.Closed, (await room.TicketAsync())!.Status);
    }

    [Theory, BothProviders]
    public async Task An_unused_alert_pings_its_staff_member_once_when_the_member_writes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var room = await SupportRoom.CreateAsync(app);
        await room.BobsDmAsync();
        await room.BobWritesAsync("hello");
        var ticket = (await room.TicketAsync())!;
        await using var carol = await app.HubAsync(room.Carol, HubProtocol.Json, "mention");
        await room.WithModmailAsync(async db =>
        {
            db.StaffAlerts.Add(new StaffAlert { StaffUserId = room.Carol.Id.ToString(), ThreadUserId = room.Bob.Id.ToString(), ThreadId = ticket.Id });
            return await db.SaveChangesAsync();
        });

        await room.BobWritesAsync("are you there?");

        var ping = await carol.NextAsync("mention");
        Assert.Equal("@carol bob wrote (your alert).", ping.Str("plaintext"));
        Assert.True(await room.WithModmailAsync(db => db.StaffAlerts.AllAsync(a => a.Used)));
        await room.BobWritesAsync("again");
        Assert.False(carol.HasPending("mention"));
    }

    private static async Task<List<Guid>> MembersAsync(TestApp app, Guid channel)
    {
        await using var scope = app.CreateScope();
        return [.. await scope.ServiceProvider.GetRequiredService<PrivateChannels>().MembersAsync(channel, CancellationToken.None)];
    }

    [Theory, BothProviders]
    public async Task Staff_open_a_ticket_to_a_member_with_new_thread_and_the_reply_reaches_their_dm(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var room = await SupportRoom.CreateAsync(app);
        var desk = await room.WithModmailAsync(db => db.Desks.AsNoTracking().SingleAsync());
        var carol = new StaffActor(room.Carol.Id, "carol", "Moderator");
        await using (var scope = app.CreateScope())
        {
            var tickets = scope.ServiceProvider.GetRequiredService<MemberMessages>();
            var (_, outsider) = await tickets.OpenByStaffAsync(desk, (await app.UserAsync("stranger")).Id, "stranger", carol, CancellationToken.None);
            Assert.Equal("member_not_found", outsider!.Code);
            var (opened, refusal) = await tickets.OpenByStaffAsync(desk, room.Bob.Id, "bob", carol, CancellationToken.None);
            Assert.Null(refusal);
            Assert.NotNull(opened);
        }
        var ticket = (await room.TicketAsync())!;
        Assert.Equal((TransportNames.Chat, room.Bob.Id.ToString(), TicketStatus.Open), (ticket.Transport, ticket.UserId, ticket.Status));
        var channel = Guid.Parse(ticket.ChannelId!);

        // Carol answers in the new channel; bob reads it in his DM with the bot. A second new_thread is refused.
        var dm = await room.BobsDmAsync();
        await using var bob = await app.HubAsync(room.Bob, HubProtocol.Json, "message.created");
        await bob.InvokeAsync("Subscribe", dm);
        await app.PostAsync(channel, room.Carol, "!r Hello bob, we noticed your order.");
        Assert.Contains("Hello bob, we noticed your order.", (await room.NextFromBotAsync(bob, "message.created")).Str("plaintext"), StringComparison.Ordinal);
        await app.PostAsync(channel, room.Carol, "!nt @bob");
        await Eventually.Until(async () => (await room.ChannelTextsAsync(channel, room.Carol)).Any(t => t?.Contains("already has an open ticket", StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(10), "new_thread refuses a second open ticket");
        Assert.Equal(1, await room.WithModmailAsync(db => db.Tickets.CountAsync()));
    }
}
