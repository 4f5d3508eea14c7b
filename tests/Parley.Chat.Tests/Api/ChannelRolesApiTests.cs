using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class ChannelRolesApiTests
{
    [Theory, BothProviders]
    public async Task The_channel_owner_makes_a_member_admin_and_subscribers_hear_of_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var carol = await app.UserAsync("carol");
        var (_, channel) = await app.RoomAsync(alice, bob, carol);
        await using var carolHub = await app.HubAsync(carol, HubProtocol.Json, "channel.member_updated");
        await carolHub.InvokeAsync("Subscribe", channel);
        var path = $"/api/chat/channels/{channel}/members/{bob.Id}/role";

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Put, path, carol, new { role = "admin" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, path, alice, new { role = "owner" });
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_member_not_found", HttpMethod.Put, $"/api/chat/channels/{channel}/members/{Guid.NewGuid()}/role", alice, new { role = "admin" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Put, $"/api/chat/channels/{channel}/members/{alice.Id}/role", alice, new { role = "member" });

        var updated = await app.OkJsonAsync(HttpMethod.Put, path, alice, new { role = "admin" });
        Assert.Equal("admin", updated.Str("role"));
        var heard = await carolHub.NextAsync("channel.member_updated");
        Assert.Equal("admin", heard.GetProperty("member").Str("role"));

        // A channel admin may now post in the read-only channel and set roles in turn.
        await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/channels/{channel}", alice, new { read_only = true });
        await app.PostAsync(channel, bob, "admins post here");
        await app.RefusedAsync(HttpStatusCode.Forbidden, "channel_read_only", HttpMethod.Post, $"/api/chat/channels/{channel}/messages", carol, new { plaintext = "me too" });
        Assert.Equal("admin", (await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/channels/{channel}/members/{carol.Id}/role", bob, new { role = "admin" })).Str("role"));
    }
}
