using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Chat.Messages;
using Parley.Chat.Storage;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Messages;

public sealed class ExpiredMessageSweepTests
{
    [Theory, BothProviders]
    public async Task Messages_past_their_ttl_are_deleted_for_good_and_subscribers_are_told(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/channels/{channel}", alice, new { message_ttl_seconds = 60 });
        var fleeting = (await app.PostAsync(channel, alice, "gone soon")).Str("id");
        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/messages/{fleeting}/reactions/{Uri.EscapeDataString("👍")}", bob);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.MessagePack, "message.deleted");
        await bobHub.InvokeAsync("Subscribe", channel);

        clock.Advance(TimeSpan.FromSeconds(30));
        var later = (await app.PostAsync(channel, alice, "still here")).Str("id");
        clock.Advance(TimeSpan.FromSeconds(31));
        await using (var scope = app.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExpiredMessageSweep>().SweepAsync(CancellationToken.None);
        }

        Assert.Equal(fleeting, (await bobHub.NextAsync("message.deleted")).Str("id"));
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            Assert.Equal([Guid.Parse(later)], await db.Messages.Select(m => m.Id).ToListAsync());
            Assert.False(await db.Reactions.AnyAsync());
        }
    }
}
