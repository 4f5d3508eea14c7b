using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Chat.Storage;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.ScheduledMessages;

/// <summary>Time is a <see cref="FakeTimeProvider"/>, as in Core's job tests: advancing it makes the job due.</summary>
public sealed class ScheduledMessagesApiTests
{
    [Theory, BothProviders]
    public async Task A_scheduled_message_is_posted_at_its_time_and_the_channel_sees_it(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: b => b.Services.AddSingleton<TimeProvider>(clock));
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "message.created");
        await using var aliceHub = await app.HubAsync(alice, HubProtocol.Json, "scheduled.created");
        await bobHub.InvokeAsync("Subscribe", channel);
        await aliceHub.InvokeAsync("Unsubscribe", Guid.NewGuid()); // runs after OnConnectedAsync: alice is in her user group

        var scheduled = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/scheduled", alice,
            new { plaintext = "good morning", scheduled_for = clock.GetUtcNow().UtcDateTime.AddMinutes(2) });
        Assert.Equal(scheduled.Str("id"), (await aliceHub.NextAsync("scheduled.created")).Str("id"));
        var mine = await app.OkJsonAsync(HttpMethod.Get, "/api/chat/scheduled", alice);
        Assert.Equal([scheduled.Str("id")], mine.EnumerateArray().Select(s => s.Str("id")));
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/scheduled", bob)).EnumerateArray());
        Assert.False(bobHub.HasPending("message.created"));

        clock.Advance(TimeSpan.FromMinutes(2));

        var posted = await bobHub.NextAsync("message.created");
        Assert.Equal("good morning", posted.Str("plaintext"));
        Assert.Equal(alice.Id.ToString(), posted.Str("sender_id"));
        await Eventually.Until(async () => (await app.OkJsonAsync(HttpMethod.Get, "/api/chat/scheduled", alice)).GetArrayLength() == 0);
    }

    [Theory, BothProviders]
    public async Task A_cancelled_message_is_never_posted_and_an_author_who_left_gets_nothing_posted(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: b => b.Services.AddSingleton<TimeProvider>(clock));
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var when = clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        var cancelled = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/scheduled", alice, new { plaintext = "never", scheduled_for = when });
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/scheduled", bob, new { plaintext = "from bob", scheduled_for = when });

        await app.RefusedAsync(HttpStatusCode.NotFound, "scheduled_message_not_found", HttpMethod.Delete, $"/api/chat/scheduled/{cancelled.Str("id")}", bob);
        using (var deleted = await app.SendAsync(HttpMethod.Delete, $"/api/chat/scheduled/{cancelled.Str("id")}", alice.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using (await app.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/leave", bob.Token))
        {
        }

        clock.Advance(TimeSpan.FromMinutes(1));

        // The refused send is final: the job succeeds without posting, and the row is gone.
        await Eventually.Until(async () =>
        {
            await using var scope = app.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            return !await db.ScheduledMessages.AnyAsync() && await db.Jobs.CountAsync(j => j.Kind == "chat.scheduled.send" && j.State == "succeeded") == 2;
        });
        await using (var scope = app.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Messages.AnyAsync(m => m.ChannelId == channel));
        }
    }

    [Theory, BothProviders]
    public async Task Bad_schedules_are_refused_and_nothing_is_stored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var eve = await app.UserAsync("eve");
        var (_, channel) = await app.RoomAsync(alice);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var path = $"/api/chat/channels/{channel}/scheduled";

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, alice, new { plaintext = "past", scheduled_for = now.AddMinutes(-1) });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, alice, new { plaintext = "far", scheduled_for = now.AddDays(31) });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, alice, new { plaintext = "when?" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, alice, new { scheduled_for = now.AddHours(1) });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Post, path, eve, new { plaintext = "hi", scheduled_for = now.AddHours(1) });

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        Assert.False(await db.ScheduledMessages.AnyAsync());
        Assert.False(await db.Jobs.AnyAsync(j => j.Kind == "chat.scheduled.send"));
    }

    [Theory, BothProviders]
    public async Task An_encrypted_message_is_kept_sealed_until_it_is_posted(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: b => b.Services.AddSingleton<TimeProvider>(clock));
        var alice = await app.UserAsync("alice");
        var (_, channel) = await app.RoomAsync(alice);
        byte[] ciphertext = [1, 2, 3, 4];
        byte[] nonce = [9, 9];
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/scheduled", alice,
            new { ciphertext, nonce, scheduled_for = clock.GetUtcNow().UtcDateTime.AddMinutes(1) });
        await using (var scope = app.CreateScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<ChatDbContext>().ScheduledMessages.SingleAsync();
            Assert.Equal((Convert.ToBase64String(ciphertext), Convert.ToBase64String(nonce), (string?)null), (row.Ciphertext, row.Nonce, row.Plaintext));
        }

        clock.Advance(TimeSpan.FromMinutes(1));

        await Eventually.Until(async () =>
        {
            await using var scope = app.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Messages.AnyAsync(m => m.ChannelId == channel);
        });
        await using (var scope = app.CreateScope())
        {
            var message = await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Messages.SingleAsync(m => m.ChannelId == channel);
            Assert.Equal(ciphertext, message.Ciphertext);
            Assert.Equal(nonce, message.Nonce);
        }
    }
}
