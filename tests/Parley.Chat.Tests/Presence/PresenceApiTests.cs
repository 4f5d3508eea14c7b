using System.Net;
using System.Text.Json;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Presence;

public sealed class PresenceApiTests
{
    /// <summary>The next <c>presence</c> event about <paramref name="user"/> (a hub also hears about its own user).</summary>
    private static async Task<JsonElement> NextPresenceOfAsync(HubClient hub, ChatUser user)
    {
        while (true)
        {
            var presence = await hub.NextAsync("presence");
            if (presence.Str("user_id") == user.Id.ToString())
            {
                return presence;
            }
        }
    }

    private static (string Status, string? Custom) Of(JsonElement presence) =>
        (presence.Str("status"), presence.GetProperty("custom_status").ValueKind == JsonValueKind.Null ? null : presence.Str("custom_status"));

    [Theory, BothProviders]
    public async Task Presence_is_set_over_http_and_read_by_people_who_share_a_community(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var eve = await app.UserAsync("eve");
        await app.RoomAsync(alice, bob);

        var set = await app.OkJsonAsync(HttpMethod.Put, "/api/chat/presence", alice, new { status = "dnd", custom_status = "deep work" });
        Assert.Equal(("dnd", "deep work"), Of(set));
        var seen = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/presence?user_ids={alice.Id},{Guid.NewGuid()}", bob);
        Assert.Equal(("dnd", "deep work"), Of(seen.EnumerateArray().Single()));

        await app.OkJsonAsync(HttpMethod.Put, "/api/chat/presence", alice, new { status = "invisible", custom_status = "hiding" });
        Assert.Equal(("offline", null), Of((await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/presence?user_ids={alice.Id}", bob))[0]));
        Assert.Equal(("invisible", "hiding"), Of((await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/presence?user_ids={alice.Id}", alice))[0]));
        Assert.Equal(0, (await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/presence?user_ids={alice.Id}", eve)).GetArrayLength());
    }

    [Theory, BothProviders]
    public async Task Bad_presence_is_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, "/api/chat/presence", alice, new { status = "away" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, "/api/chat/presence", alice, new { custom_status = "no status" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, "/api/chat/presence", alice, new { status = "idle", custom_status = new string('x', 129) });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, "/api/chat/presence", alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, "/api/chat/presence?user_ids=not-a-guid", alice);
        Assert.Equal(("offline", null), Of((await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/presence?user_ids={alice.Id}", alice))[0]));
    }

    [Theory, BothProviders]
    public async Task Connecting_setting_and_disconnecting_are_pushed_to_contacts(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        await app.RoomAsync(alice, bob);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.MessagePack, "presence");

        var aliceHub = await app.HubAsync(alice, HubProtocol.Json);
        try
        {
            Assert.Equal(("online", null), Of(await NextPresenceOfAsync(bobHub, alice)));
            await aliceHub.InvokeAsync("SetPresence", "idle", "lunch");
            Assert.Equal(("idle", "lunch"), Of(await NextPresenceOfAsync(bobHub, alice)));
            await aliceHub.InvokeAsync("SetPresence", "invisible", "shh");
            Assert.Equal(("offline", null), Of(await NextPresenceOfAsync(bobHub, alice)));
            await aliceHub.RefusedAsync("validation_failed", "SetPresence", "away", null);
            await aliceHub.InvokeAsync("SetPresence", "online", null);
            Assert.Equal(("online", null), Of(await NextPresenceOfAsync(bobHub, alice)));
        }
        finally
        {
            await aliceHub.DisposeAsync();
        }
        Assert.Equal(("offline", null), Of(await NextPresenceOfAsync(bobHub, alice)));
    }
}
