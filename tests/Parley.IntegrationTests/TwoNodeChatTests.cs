using System.Text.Json;
using Parley.Chat.Messages;
using Parley.IntegrationTests.Infrastructure;
using Parley.Tests.Infrastructure;

namespace Parley.IntegrationTests;

/// <summary>
/// Two real <c>parley</c> processes on one PostgreSQL database and one Redis (<c>Chat:Backplane:Redis</c>),
/// a SignalR client on each: what one node sends, the other node's clients receive.
/// </summary>
public sealed class TwoNodeChatTests
{
    private const string AdminPassword = "correct-horse-battery-staple";
    private const string Password = "a-long-enough-password-1";

    [Fact]
    public async Task Messages_and_revocations_cross_between_two_nodes_over_the_redis_backplane()
    {
        var redis = RedisServer.ConnectionString;
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        // Each node its own data directory (the instance lock is per directory), the same database and Redis.
        using var environment1 = NodeEnvironment(database, redis);
        using var environment2 = environment1.Sibling();
        await using var node1 = await ParleyProcess.StartServerAsync(environment1);
        await using var node2 = await ParleyProcess.StartServerAsync(environment2);
        using var api1 = new ChatNodeApi(node1.BaseAddress!);
        using var api2 = new ChatNodeApi(node2.BaseAddress!);

        var admin = await api1.SignInAsync("admin", AdminPassword);
        var alice = await UserAsync(api1, admin, "alice");
        var bob = await UserAsync(api1, admin, "bob");
        var carol = await UserAsync(api1, admin, "carol");
        var community = (await api1.SendAsync(HttpMethod.Post, "/api/chat/communities", alice.Token, new { name = "Two nodes" })).GetProperty("id").GetGuid();
        var group = (await api1.SendAsync(HttpMethod.Post, $"/api/chat/communities/{community}/groups", alice.Token, new { name = "General" })).GetProperty("id").GetGuid();
        var channel = (await api1.SendAsync(HttpMethod.Post, $"/api/chat/groups/{group}/channels", alice.Token, new { name = "lobby" })).GetProperty("id").GetGuid();
        foreach (var member in new[] { bob, carol })
        {
            var invite = await api1.SendAsync(HttpMethod.Post, $"/api/chat/communities/{community}/invites", alice.Token, new { });
            await api2.SendAsync(HttpMethod.Post, $"/api/chat/invites/{invite.GetProperty("code").GetString()}/join", member.Token);
            await api2.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/join", member.Token);
        }

        // Alice on node 1 (JSON); Bob and Carol on node 2 (MessagePack and JSON).
        await using var aliceHub = await HubClient.ConnectAsync(api1.HubUrl, alice.Token, HubProtocol.Json, null, "message.created");
        await using var bobHub = await HubClient.ConnectAsync(api2.HubUrl, bob.Token, HubProtocol.MessagePack, null, "message.created", "channel.removed");
        await using var carolHub = await HubClient.ConnectAsync(api2.HubUrl, carol.Token, HubProtocol.Json, null, "message.created");
        foreach (var hub in new[] { aliceHub, bobHub, carolHub })
        {
            await hub.InvokeAsync("Subscribe", channel);
        }

        // Node 1's hub → node 2's client.
        var sent = await aliceHub.InvokeJsonAsync("SendMessage", channel, new SendMessageRequest(Plaintext: "from node 1", IdempotencyKey: "two-node-1"));
        var atBob = await bobHub.NextAsync("message.created");
        Assert.Equal(sent.GetProperty("id").GetGuid(), atBob.GetProperty("id").GetGuid());
        Assert.Equal("from node 1", atBob.GetProperty("plaintext").GetString());
        Assert.Equal(alice.Id, atBob.GetProperty("sender_id").GetGuid());
        await aliceHub.NextAsync("message.created");
        await carolHub.NextAsync("message.created");

        // Node 2's HTTP API → node 1's client.
        var posted = await api2.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/messages", bob.Token, new { plaintext = "from node 2" });
        var atAlice = await aliceHub.NextAsync("message.created");
        Assert.Equal(posted.GetProperty("id").GetGuid(), atAlice.GetProperty("id").GetGuid());
        Assert.Equal("from node 2", atAlice.GetProperty("plaintext").GetString());
        await bobHub.NextAsync("message.created");
        await carolHub.NextAsync("message.created");

        // Bob leaves through node 1: his subscription on node 2 is revoked there too.
        await api1.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/leave", bob.Token);
        var removed = await bobHub.NextAsync("channel.removed");
        Assert.Equal(channel, removed.GetProperty("channel_id").GetGuid());
        await api1.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/messages", alice.Token, new { plaintext = "after bob left" });
        // Carol's copy went through the same group send on node 2 as Bob's would have: once she has it, Bob never will.
        var atCarol = await carolHub.NextAsync("message.created");
        Assert.Equal("after bob left", atCarol.GetProperty("plaintext").GetString());
        Assert.False(bobHub.HasPending("message.created"), "node 2 still delivered the channel's message to a user who left it on node 1");

        // Both nodes report Redis among what they need to be ready.
        foreach (var api in new[] { api1, api2 })
        {
            var ready = await api.SendAsync(HttpMethod.Get, "/readyz", null);
            Assert.Equal("ready", ready.GetProperty("status").GetString());
        }
    }

    private static ParleyEnvironment NodeEnvironment(TestDatabase database, string redis)
    {
        var environment = ParleyEnvironment.Bare();
        environment.Set("Storage:Provider", "postgres");
        environment.Set("Storage:ConnectionString", database.ConnectionString);
        environment.Set("Storage:DataDirectory", environment.DataDirectory);
        environment.Set("Admin:Username", "admin");
        environment.Set("Admin:Password", AdminPassword);
        environment.Set("Auth:Argon2:MemoryKiB", "1024");
        environment.Set("Auth:Argon2:Iterations", "1");
        environment.Set("Auth:Argon2:Lanes", "1");
        environment.Set("Http:RequestsPerMinute", "100000");
        environment.Set("Http:AuthRequestsPerMinute", "100000");
        environment.Set("Chat:Backplane:Redis", redis);
        return environment;
    }

    private static async Task<(Guid Id, string Token)> UserAsync(ChatNodeApi api, string adminToken, string username)
    {
        var created = await api.SendAsync(HttpMethod.Post, "/api/admin/users", adminToken, new { username, password = Password, role = "user" });
        return (created.GetProperty("id").GetGuid(), await api.SignInAsync(username, Password));
    }
}
