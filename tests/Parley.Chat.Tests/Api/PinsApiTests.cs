using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class PinsApiTests
{
    [Theory, BothProviders]
    public async Task Channel_staff_pin_and_unpin_members_read_the_pins_and_it_is_audited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var first = (await app.PostAsync(channel, bob, "rules")).Str("id");
        var second = (await app.PostAsync(channel, bob, "faq")).Str("id");

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Put, $"/api/chat/messages/{first}/pin", bob);
        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/messages/{first}/pin", alice);
        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/messages/{first}/pin", alice);
        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/messages/{second}/pin", alice);

        var pins = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/pins", bob);
        Assert.Equal([second, first], pins.EnumerateArray().Select(p => p.GetProperty("message").Str("id")));
        Assert.Equal(alice.Id.ToString(), pins[0].Str("pinned_by"));
        Assert.Equal("faq", pins[0].GetProperty("message").Str("plaintext"));

        await app.OkJsonAsync(HttpMethod.Delete, $"/api/chat/messages/{second}/pin", alice);
        pins = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/pins", bob);
        Assert.Equal([first], pins.EnumerateArray().Select(p => p.GetProperty("message").Str("id")));

        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<Parley.Core.Storage.CoreDbContext>();
        Assert.Equal(2, await core.AuditLog.CountAsync(e => e.Action == "chat.pin.added" && e.UserId == alice.Id));
        Assert.True(await core.AuditLog.AnyAsync(e => e.Action == "chat.pin.removed"));
    }

    [Theory, BothProviders]
    public async Task Either_member_of_a_dm_pins_and_outsiders_are_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var eve = await app.UserAsync("eve");
        var dm = (await app.OkJsonAsync(HttpMethod.Post, "/api/chat/dms", alice, new { user_id = bob.Id })).Str("channel_id");
        var id = (await app.PostAsync(Guid.Parse(dm), alice, "address")).Str("id");

        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/messages/{id}/pin", bob);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_channel_member", HttpMethod.Put, $"/api/chat/messages/{id}/pin", eve);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_channel_member", HttpMethod.Get, $"/api/chat/channels/{dm}/pins", eve);
        var pins = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{dm}/pins", alice);
        Assert.Equal(bob.Id.ToString(), pins[0].Str("pinned_by"));
    }

    [Theory, BothProviders]
    public async Task Pins_stop_at_the_configured_limit_and_deleted_messages_are_not_pinned(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Chat:MaxPinsPerChannel"] = "1" });
        var alice = await app.UserAsync("alice");
        var (_, channel) = await app.RoomAsync(alice);
        var first = (await app.PostAsync(channel, alice, "one")).Str("id");
        var second = (await app.PostAsync(channel, alice, "two")).Str("id");
        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/messages/{first}/pin", alice);

        await app.RefusedAsync(HttpStatusCode.Conflict, "pin_limit", HttpMethod.Put, $"/api/chat/messages/{second}/pin", alice);
        using (await app.SendAsync(HttpMethod.Delete, $"/api/chat/messages/{second}", alice.Token))
        {
        }
        await app.RefusedAsync(HttpStatusCode.Conflict, "message_deleted", HttpMethod.Put, $"/api/chat/messages/{second}/pin", alice);
        await app.RefusedAsync(HttpStatusCode.NotFound, "message_not_found", HttpMethod.Put, $"/api/chat/messages/{Guid.NewGuid()}/pin", alice);

        await using var scope = app.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ChatDbContext>().PinnedMessages.CountAsync());
    }

    [Theory, BothProviders]
    public async Task Subscribers_see_pins_added_and_removed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var id = (await app.PostAsync(channel, bob, "rules")).Str("id");
        await using var bobHub = await app.HubAsync(bob, HubProtocol.MessagePack, "pin.added", "pin.removed");
        await bobHub.InvokeAsync("Subscribe", channel);

        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/messages/{id}/pin", alice);
        var added = await bobHub.NextAsync("pin.added");
        Assert.Equal((id, channel.ToString(), alice.Id.ToString()), (added.Str("message_id"), added.Str("channel_id"), added.Str("pinned_by")));
        await app.OkJsonAsync(HttpMethod.Delete, $"/api/chat/messages/{id}/pin", alice);
        Assert.Equal(id, (await bobHub.NextAsync("pin.removed")).Str("message_id"));
    }
}
