using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>
/// <c>add_reminder</c> end to end: typed in the real ticket channel, kept across a server restart, and posted by the
/// desk's bot in that channel mentioning its author when the (test) clock gets there — heard on the author's SignalR client.
/// </summary>
public sealed class ReminderFlowTests
{
    [Theory, BothProviders]
    public async Task A_reminder_typed_in_the_ticket_channel_fires_there_after_a_restart_mentioning_its_author(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Auth:AccessTokenMinutes"] = "1440" },
            b => b.Services.AddSingleton<TimeProvider>(clock));
        var room = await SupportRoom.CreateAsync(app);
        await room.BobsDmAsync();
        await room.BobWritesAsync("please check on my order");
        var channel = Guid.Parse((await room.TicketAsync())!.ChannelId!);

        await app.PostAsync(channel, room.Carol, "!add_reminder 2h check back");
        var reminder = await room.WithModmailAsync(db => db.Reminders.AsNoTracking().SingleAsync());
        Assert.Contains(await room.ChannelTextsAsync(channel, room.Carol), t => t is not null && t.Contains($"Reminder #{reminder.Id} set", StringComparison.Ordinal));

        await app.RestartAsync();
        await using var carol = await app.HubAsync(room.Carol, HubProtocol.Json, "message.created");
        await carol.InvokeAsync("Subscribe", channel);
        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.False(await room.WithModmailAsync(db => db.Reminders.AnyAsync(r => r.Completed)));
        clock.Advance(TimeSpan.FromSeconds(1));

        var posted = await room.NextFromBotAsync(carol, "message.created");
        Assert.Equal(channel.ToString(), posted.Str("channel_id"));
        Assert.Equal($"@carol ⏰ Reminder #{reminder.Id}: check back", posted.Str("plaintext"));
        await Eventually.Until(() => room.WithModmailAsync(db => db.Reminders.AnyAsync(r => r.Id == reminder.Id && r.Completed)));
    }
}
