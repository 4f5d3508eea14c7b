using System.Net;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class SearchApiTests
{
    private static List<string> Texts(JsonElement page) =>
        page.GetProperty("messages").EnumerateArray().Select(m => m.Str("plaintext")).ToList();

    [Theory, BothProviders]
    public async Task Search_finds_plaintext_case_insensitively_in_the_callers_channels_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var (_, secret) = await app.RoomAsync(alice);
        await app.PostAsync(channel, alice, "The CRAB party");
        await app.PostAsync(channel, bob, "no match here");
        await app.PostAsync(channel, bob, "crabs are 100% great");
        var deleted = (await app.PostAsync(channel, bob, "crab deleted")).Str("id");
        using (await app.SendAsync(HttpMethod.Delete, $"/api/chat/messages/{deleted}", bob.Token))
        {
        }
        await app.PostAsync(secret, alice, "crab secret");

        var found = await app.OkJsonAsync(HttpMethod.Get, "/api/chat/search?q=crab", bob);
        Assert.Equal(["crabs are 100% great", "The CRAB party"], Texts(found));
        Assert.False(found.GetProperty("has_more").GetBoolean());
        Assert.Equal(["crabs are 100% great"], Texts(await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/search?q={Uri.EscapeDataString("100%")}", bob)));
        Assert.Empty(Texts(await app.OkJsonAsync(HttpMethod.Get, "/api/chat/search?q=_", bob)));
        Assert.Equal(3, Texts(await app.OkJsonAsync(HttpMethod.Get, "/api/chat/search?q=crab", alice)).Count);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/search?q=crab&channel_id={secret}", bob);
    }

    [Theory, BothProviders]
    public async Task Search_pages_back_with_before_and_narrows_to_a_community(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var (community, channel) = await app.RoomAsync(alice);
        var (_, other) = await app.RoomAsync(alice);
        for (var i = 0; i < 3; i++)
        {
            await app.PostAsync(channel, alice, $"note {i}");
        }
        await app.PostAsync(other, alice, "note elsewhere");

        var first = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/search?q=note&community_id={community}&limit=2", alice);
        Assert.Equal(["note 2", "note 1"], Texts(first));
        Assert.True(first.GetProperty("has_more").GetBoolean());
        var last = first.GetProperty("messages")[1].Str("id");
        var next = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/search?q=note&community_id={community}&limit=2&before={last}", alice);
        Assert.Equal(["note 0"], Texts(next));
        Assert.False(next.GetProperty("has_more").GetBoolean());
        Assert.Equal(["note 2"], Texts(await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/search?q=2&channel_id={channel}", alice)));
    }

    [Theory, BothProviders]
    public async Task Bad_searches_are_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var eve = await app.UserAsync("eve");
        var (community, _) = await app.RoomAsync(alice);

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, "/api/chat/search", alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, "/api/chat/search?q=%20", alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, $"/api/chat/search?q={new string('a', 201)}", alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, "/api/chat/search?q=a&limit=101", alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, $"/api/chat/search?q=a&before={Guid.NewGuid()}", alice);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/search?q=a&community_id={community}", eve);
    }
}
