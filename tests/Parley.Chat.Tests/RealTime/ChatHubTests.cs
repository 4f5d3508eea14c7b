using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.RealTime;

public sealed class ChatHubTests
{
    public static TheoryData<string, HubProtocol> ProvidersAndProtocols()
    {
        var data = new TheoryData<string, HubProtocol>();
        foreach (var provider in new[] { TestDatabase.Sqlite, TestDatabase.Postgres })
        {
            data.Add(provider, HubProtocol.Json);
            data.Add(provider, HubProtocol.MessagePack);
        }
        return data;
    }

    [Theory, MemberData(nameof(ProvidersAndProtocols))]
    public async Task Subscribers_receive_messages_sent_over_http_and_over_the_hub(string provider, HubProtocol protocol)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        await using var bobHub = await app.HubAsync(bob, protocol, "message.created", "message.updated", "message.deleted", "mention", "typing");
        await using var aliceHub = await app.HubAsync(alice, protocol, "typing");
        await bobHub.InvokeAsync("Subscribe", channel);
        await aliceHub.InvokeAsync("Subscribe", channel);

        var overHttp = await app.PostAsync(channel, alice, "hi @bob");
        var created = await bobHub.NextAsync("message.created");
        Assert.Equal(overHttp.Str("id"), created.Str("id"));
        Assert.Equal("hi @bob", created.Str("plaintext"));
        Assert.Equal(overHttp.Str("id"), (await bobHub.NextAsync("mention")).Str("id"));

        var overHub = await aliceHub.InvokeJsonAsync("SendMessage", channel, new Parley.Chat.Messages.SendMessageRequest(Plaintext: "from the hub", IdempotencyKey: "hub-1"));
        Assert.Equal("from the hub", (await bobHub.NextAsync("message.created")).Str("plaintext"));
        var retried = await aliceHub.InvokeJsonAsync("SendMessage", channel, new Parley.Chat.Messages.SendMessageRequest(Plaintext: "from the hub", IdempotencyKey: "hub-1"));
        Assert.Equal(overHub.Str("id"), retried.Str("id"));

        await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/messages/{overHub.Str("id")}", alice, new { plaintext = "edited" });
        Assert.Equal("edited", (await bobHub.NextAsync("message.updated")).Str("plaintext"));
        using (await app.SendAsync(HttpMethod.Delete, $"/api/chat/messages/{overHub.Str("id")}", alice.Token))
        {
        }
        Assert.Equal(overHub.Str("id"), (await bobHub.NextAsync("message.deleted")).Str("id"));

        await aliceHub.InvokeAsync("Typing", channel);
        Assert.Equal(alice.Id.ToString(), (await bobHub.NextAsync("typing")).Str("user_id"));
        // Typing goes to the others; by the time bob saw it, alice's copy would have been sent too.
        Assert.False(aliceHub.HasPending("typing"));
        Assert.False(bobHub.HasPending("message.created"), "the retried send announced a second message");
    }

    [Theory, BothProviders]
    public async Task The_hub_refuses_what_the_caller_may_not_do(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Chat:MaxPlaintextLength"] = "5" });
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var eve = await app.UserAsync("eve");
        var (community, channel) = await app.RoomAsync(alice, bob);
        await using var eveHub = await app.HubAsync(eve);
        await using var bobHub = await app.HubAsync(bob);

        await eveHub.RefusedAsync("not_a_member", "Subscribe", channel);
        await eveHub.RefusedAsync("not_a_member", "SubscribeCommunity", community);
        await eveHub.RefusedAsync("not_a_member", "SendMessage", channel, new Parley.Chat.Messages.SendMessageRequest(Plaintext: "hi"));
        await eveHub.RefusedAsync("channel_not_found", "Subscribe", Guid.NewGuid());
        await bobHub.RefusedAsync("validation_failed", "SendMessage", channel, new Parley.Chat.Messages.SendMessageRequest(Plaintext: "too long"));
        await eveHub.RefusedAsync("not_a_member", "Typing", channel);
    }

    [Theory, BothProviders]
    public async Task Leaving_a_channel_stops_its_events_at_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var (_, other) = await app.RoomAsync(bob);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "message.created", "channel.removed");
        await bobHub.InvokeAsync("Subscribe", channel);

        using (await app.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/leave", bob.Token))
        {
        }
        Assert.Equal(channel.ToString(), (await bobHub.NextAsync("channel.removed")).Str("channel_id"));
        await app.PostAsync(channel, alice, "after bob left");
        // A round trip on bob's connection after the send: were bob still subscribed, the message would have come first.
        await bobHub.InvokeAsync("Subscribe", other);
        await bobHub.RefusedAsync("not_a_channel_member", "Subscribe", channel);
        Assert.False(bobHub.HasPending("message.created"));
    }

    [Theory, BothProviders]
    public async Task An_api_key_cannot_hold_a_hub_connection(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync();
        var (_, key) = await app.CreateApiKeyAsync(admin.AccessToken, ["account"]);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var hub = await HubClient.ConnectAsync(app, key);
            await hub.InvokeAsync("Subscribe", Guid.NewGuid());
        });
        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(app, "not-a-token"));
    }
}
