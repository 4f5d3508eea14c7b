using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class GroupsAndChannelsApiTests
{
    [Theory, BothProviders]
    public async Task Who_may_create_groups_follows_the_community_setting(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var eve = await app.UserAsync("eve");
        var id = await app.CommunityAsync(alice);
        await app.JoinAsync(id, alice, bob);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, $"/api/chat/communities/{id}/groups", bob, new { name = "Bob's" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Post, $"/api/chat/communities/{id}/groups", eve, new { name = "Eve's" });
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/groups", alice, new { name = "General" });
        await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/communities/{id}", alice, new { who_can_create_groups = "member" });
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/groups", bob, new { name = "Bob's", description = "mine" });

        var groups = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{id}/groups", bob);
        Assert.Equal(["General", "Bob's"], groups.EnumerateArray().Select(g => g.Str("name")));
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/communities/{id}/groups", eve);
    }

    [Theory, BothProviders]
    public async Task Channels_are_created_updated_and_listed_in_a_group(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var eve = await app.UserAsync("eve");
        var id = await app.CommunityAsync(alice);
        await app.JoinAsync(id, alice, bob);
        var group = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/groups", alice, new { name = "General" })).GetProperty("id").GetGuid();

        var text = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/groups/{group}/channels", alice,
            new { name = "lobby", channel_type = "text", topic = "hi", slow_mode_seconds = 10, message_ttl_seconds = 3600 });
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/groups/{group}/channels", alice, new { name = "voice", channel_type = "voice" });
        Assert.Equal(10, text.GetProperty("slow_mode_seconds").GetInt32());
        var channelId = text.GetProperty("id").GetGuid();

        var updated = await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/channels/{channelId}", alice,
            new { topic = "new topic", read_only = true, archived = true, slow_mode_seconds = 86_400, message_ttl_seconds = 0 });
        Assert.Equal("new topic", updated.Str("topic"));
        Assert.True(updated.GetProperty("read_only").GetBoolean());
        Assert.True(updated.GetProperty("archived").GetBoolean());
        Assert.Equal(JsonValueKindNull, updated.GetProperty("message_ttl_seconds").ValueKind);
        Assert.Equal("lobby", updated.Str("name"));

        var channels = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/groups/{group}/channels", bob);
        Assert.Equal(["lobby", "voice"], channels.EnumerateArray().Select(c => c.Str("name")));

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Patch, $"/api/chat/channels/{channelId}", alice, new { slow_mode_seconds = 86_401 });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/chat/groups/{group}/channels", alice, new { name = "x", channel_type = "dm" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, $"/api/chat/groups/{group}/channels", bob, new { name = "x" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Patch, $"/api/chat/channels/{channelId}", bob, new { topic = "x" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/groups/{group}/channels", eve);
        await app.RefusedAsync(HttpStatusCode.NotFound, "group_not_found", HttpMethod.Get, $"/api/chat/groups/{Guid.NewGuid()}/channels", alice);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
