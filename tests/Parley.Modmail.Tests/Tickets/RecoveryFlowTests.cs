using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Blocks;
using Parley.Modmail.Tickets;
using Parley.Modmail.Transports.Chat;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>A switch the tests flip to make Modmail's handling of an event fail, as a crash or a bug would.</summary>
internal sealed class InjectedFault
{
    public volatile bool On;

    public T Or<T>(IServiceProvider services) where T : class =>
        On ? throw new InvalidOperationException("injected fault") : ActivatorUtilities.CreateInstance<T>(services);
}

/// <summary>
/// Recovery without gaps over Chat: a member's DM that Chat stored while Modmail's router failed is relayed by
/// <c>recover</c> (and on start-up) exactly once — into the open ticket, or opening one — and a blocked member's missed
/// message is answered once.
/// </summary>
public sealed class RecoveryFlowTests
{
    private static async Task<(TestApp App, InjectedFault Fault)> StartAsync(string provider)
    {
        var fault = new InjectedFault();
        var app = await TestApp.StartAsync(provider, null, b => b.Services.AddScoped(fault.Or<ChatMessageRouter>));
        return (app, fault);
    }

    private static async Task<int> RecoverAsync(TestApp app, Guid deskId)
    {
        await using var scope = app.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<MessageRecovery>().RunAsync(deskId, CancellationToken.None)).Recovered;
    }

    [Theory, BothProviders]
    public async Task A_dm_missed_by_a_failing_router_opens_its_ticket_after_a_restart_exactly_once(string provider)
    {
        var (app, fault) = await StartAsync(provider);
        await using var _ = app;
        var room = await SupportRoom.CreateAsync(app);
        await room.BobsDmAsync();

        fault.On = true;
        await room.BobWritesAsync("Written while Modmail was failing");
        Assert.Null(await room.TicketAsync());

        // Modmail:RecoverOnStart: the restart finds the message past the desk's cursor and opens bob's ticket with it.
        fault.On = false;
        await app.RestartAsync();
        await Eventually.Until(async () => await room.TicketAsync() is { ChannelId: not null } t
            && (await room.MessagesAsync(t.Id)).Any(m => m.Kind == TicketMessageKinds.Member && m.InboxMessageId != null));
        var ticket = (await room.TicketAsync())!;
        var channel = Guid.Parse(ticket.ChannelId!);
        Assert.Single(await room.ChannelTextsAsync(channel, room.Carol), t => t == "**bob**\nWritten while Modmail was failing");

        // Again, by command and after another restart: nothing more.
        Assert.Equal(0, await RecoverAsync(app, room.DeskId));
        await app.RestartAsync();
        Assert.Equal(0, await RecoverAsync(app, room.DeskId));
        Assert.Single(await room.ChannelTextsAsync(channel, room.Carol), t => t == "**bob**\nWritten while Modmail was failing");
        Assert.Single(await room.MessagesAsync(ticket.Id), m => m.Kind == TicketMessageKinds.Member);
        Assert.Equal(1, await room.WithModmailAsync(db => db.Tickets.CountAsync(t => t.DeskId == room.DeskId)));
    }

    [Theory, BothProviders]
    public async Task Recover_in_the_ticket_channel_relays_the_missed_dm_once_and_staff_see_it_live(string provider)
    {
        var (app, fault) = await StartAsync(provider);
        await using var _ = app;
        var room = await SupportRoom.CreateAsync(app);
        await room.BobsDmAsync();
        await room.BobWritesAsync("First, relayed");
        await Eventually.Until(async () => await room.TicketAsync() is { ChannelId: not null });
        var ticket = (await room.TicketAsync())!;
        var channel = Guid.Parse(ticket.ChannelId!);
        await using var carol = await app.HubAsync(room.Carol, HubProtocol.Json, "message.created");
        await carol.InvokeAsync("Subscribe", channel);

        fault.On = true;
        await room.BobWritesAsync("Second, missed");
        fault.On = false;
        Assert.DoesNotContain(await room.ChannelTextsAsync(channel, room.Carol), t => t == "**bob**\nSecond, missed");

        await app.PostAsync(channel, room.Carol, "!recover");
        var seen = new List<string>();
        while (!seen.Contains("🔄 Recovery: 1 missed message relayed."))
        {
            seen.Add((await carol.NextAsync("message.created")).Str("plaintext"));
        }
        Assert.Contains("**bob**\nSecond, missed", seen);

        await app.PostAsync(channel, room.Carol, "!recover");
        while ((await carol.NextAsync("message.created")).Str("plaintext") is var text && text != "🔄 Recovery: 0 missed messages relayed.")
        {
            Assert.DoesNotContain("Second, missed", text, StringComparison.Ordinal);
        }
        var texts = await room.ChannelTextsAsync(channel, room.Carol);
        Assert.Single(texts, t => t == "**bob**\nFirst, relayed");
        Assert.Single(texts, t => t == "**bob**\nSecond, missed");
        Assert.Equal(["First, relayed", "Second, missed"],
            (await room.MessagesAsync(ticket.Id)).Where(m => m.Kind == TicketMessageKinds.Member).OrderBy(m => m.CreatedAt).Select(m => m.Content));
    }

    [Theory, BothProviders]
    public async Task A_blocked_members_missed_dm_is_answered_once_however_often_recover_runs(string provider)
    {
        var (app, fault) = await StartAsync(provider);
        await using var _ = app;
        var room = await SupportRoom.CreateAsync(app);
        var dm = await room.BobsDmAsync();
        await room.WithModmailAsync(async db =>
        {
            db.BlockedUsers.Add(new BlockedUser { UserId = room.Bob.Id.ToString(), UserName = "bob", BlockedBy = room.Carol.Id.ToString(), BlockedAt = DateTime.UnixEpoch });
            return await db.SaveChangesAsync();
        });

        fault.On = true;
        await room.BobWritesAsync("Let me in");
        fault.On = false;
        Assert.DoesNotContain(await room.ChannelTextsAsync(dm, room.Bob), t => t == MemberMessages.BlockedNotice);

        Assert.Equal(0, await RecoverAsync(app, room.DeskId));
        Assert.Single(await room.ChannelTextsAsync(dm, room.Bob), t => t == MemberMessages.BlockedNotice);
        Assert.Equal(0, await RecoverAsync(app, room.DeskId));
        await app.RestartAsync();
        Assert.Equal(0, await RecoverAsync(app, room.DeskId));
        Assert.Single(await room.ChannelTextsAsync(dm, room.Bob), t => t == MemberMessages.BlockedNotice);
        Assert.Null(await room.TicketAsync());
    }
}
