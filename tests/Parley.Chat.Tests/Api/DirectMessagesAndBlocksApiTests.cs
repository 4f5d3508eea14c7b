using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class DirectMessagesAndBlocksApiTests
{
    [Theory, BothProviders]
    public async Task Either_user_opening_a_dm_gets_the_same_channel(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");

        using var first = await app.SendAsync(HttpMethod.Post, "/api/chat/dms", alice.Token, new { user_id = bob.Id });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var channel = (await first.JsonAsync()).GetProperty("channel_id").GetGuid();
        var again = await app.OkJsonAsync(HttpMethod.Post, "/api/chat/dms", bob, new { user_id = alice.Id });

        Assert.Equal(channel, again.GetProperty("channel_id").GetGuid());
        Assert.Equal(alice.Id, again.GetProperty("user_id").GetGuid());
        var list = await app.OkJsonAsync(HttpMethod.Get, "/api/chat/dms", alice);
        var dm = Assert.Single(list.EnumerateArray());
        Assert.Equal(bob.Id, dm.GetProperty("user_id").GetGuid());
        await app.RefusedAsync(HttpStatusCode.NotFound, "user_not_found", HttpMethod.Post, "/api/chat/dms", alice, new { user_id = Guid.NewGuid() });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, "/api/chat/dms", alice, new { user_id = alice.Id });
    }

    [Theory, BothProviders]
    public async Task A_block_either_way_refuses_a_dm(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");

        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/blocks/{bob.Id}", alice);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "user_blocked", HttpMethod.Post, "/api/chat/dms", alice, new { user_id = bob.Id });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "user_blocked", HttpMethod.Post, "/api/chat/dms", bob, new { user_id = alice.Id });
        await app.OkJsonAsync(HttpMethod.Delete, $"/api/chat/blocks/{bob.Id}", alice);
        await app.OkJsonAsync(HttpMethod.Post, "/api/chat/dms", bob, new { user_id = alice.Id });
    }

    [Theory, BothProviders]
    public async Task Blocks_are_added_once_listed_and_removed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");

        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/blocks/{bob.Id}", alice);
        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/blocks/{bob.Id}", alice);

        var list = await app.OkJsonAsync(HttpMethod.Get, "/api/chat/blocks", alice);
        Assert.Equal([bob.Id], list.EnumerateArray().Select(b => b.GetProperty("user_id").GetGuid()));
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/blocks", bob)).EnumerateArray());
        await app.OkJsonAsync(HttpMethod.Delete, $"/api/chat/blocks/{bob.Id}", alice);
        await app.RefusedAsync(HttpStatusCode.NotFound, "block_not_found", HttpMethod.Delete, $"/api/chat/blocks/{bob.Id}", alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, $"/api/chat/blocks/{alice.Id}", alice);
    }
}
