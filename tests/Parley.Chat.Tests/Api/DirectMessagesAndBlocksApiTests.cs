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

    [Theory, BothProviders]
    public async Task The_first_message_to_a_user_opens_the_dm_and_announces_it_live(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        await using var bobHub = (await app.HubAsync(bob)).Record("dm.opened").Record("message.created");
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/dms", bob)).EnumerateArray());

        using var first = await app.SendAsync(HttpMethod.Post, $"/api/chat/dms/{bob.Id}/messages", alice.Token, new { plaintext = "hello bob" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var channel = (await first.JsonAsync()).GetProperty("channel_id").GetGuid();

        var opened = await bobHub.NextAsync("dm.opened");
        Assert.Equal(channel, opened.GetProperty("channel_id").GetGuid());
        Assert.Equal(alice.Id, opened.GetProperty("user_id").GetGuid());
        var listed = Assert.Single((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/dms", bob)).EnumerateArray());
        Assert.Equal(channel, listed.GetProperty("channel_id").GetGuid());

        // Bob subscribes to what was announced and answers through the hub; the pair keeps one channel.
        await bobHub.InvokeAsync("Subscribe", channel);
        var reply = await bobHub.InvokeJsonAsync("SendDirectMessage", alice.Id, new Parley.Chat.Messages.SendMessageRequest(Plaintext: "hi alice"));
        Assert.Equal(channel, reply.GetProperty("channel_id").GetGuid());
        Assert.Equal("hi alice", (await bobHub.NextAsync("message.created")).GetProperty("plaintext").GetString());
        var second = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/dms/{bob.Id}/messages", alice, new { plaintext = "again" });
        Assert.Equal(channel, second.GetProperty("channel_id").GetGuid());
        Assert.Equal("again", (await bobHub.NextAsync("message.created")).GetProperty("plaintext").GetString());
        Assert.False(bobHub.HasPending("dm.opened"));

        var history = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages", alice);
        Assert.Equal(3, history.GetProperty("messages").GetArrayLength());
    }

    [Theory, BothProviders]
    public async Task A_refused_first_message_leaves_no_dm_behind(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/blocks/{alice.Id}", bob);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "user_blocked", HttpMethod.Post, $"/api/chat/dms/{bob.Id}/messages", alice, new { plaintext = "hello" });
        await using var aliceHub = await app.HubAsync(alice);
        await aliceHub.RefusedAsync("user_blocked", "SendDirectMessage", bob.Id, new Parley.Chat.Messages.SendMessageRequest(Plaintext: "hello"));
        await app.OkJsonAsync(HttpMethod.Delete, $"/api/chat/blocks/{alice.Id}", bob);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/chat/dms/{bob.Id}/messages", alice, new { plaintext = "" });
        await app.RefusedAsync(HttpStatusCode.NotFound, "user_not_found", HttpMethod.Post, $"/api/chat/dms/{Guid.NewGuid()}/messages", alice, new { plaintext = "hello" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/chat/dms/{alice.Id}/messages", alice, new { plaintext = "me" });

        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/dms", alice)).EnumerateArray());
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/dms", bob)).EnumerateArray());
    }

    [Theory, BothProviders]
    public async Task A_retried_first_message_is_stored_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var body = new { plaintext = "once", idempotency_key = "k-1" };

        using var first = await app.SendAsync(HttpMethod.Post, $"/api/chat/dms/{bob.Id}/messages", alice.Token, body);
        using var retry = await app.SendAsync(HttpMethod.Post, $"/api/chat/dms/{bob.Id}/messages", alice.Token, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var message = await first.JsonAsync();
        Assert.Equal(message.GetProperty("id").GetGuid(), (await retry.JsonAsync()).GetProperty("id").GetGuid());
        var channel = message.GetProperty("channel_id").GetGuid();
        Assert.Single((await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages", bob)).GetProperty("messages").EnumerateArray());
    }
}
