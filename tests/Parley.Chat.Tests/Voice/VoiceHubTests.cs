using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Keys;
using Parley.Chat.Tests.Api;
using Parley.Chat.Tests.RealTime;
using Parley.Core.Events;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Voice;

public sealed class VoiceHubTests
{
    public static TheoryData<string, HubProtocol> ProvidersAndProtocols() => ChatHubTests.ProvidersAndProtocols();

    [Theory, MemberData(nameof(ProvidersAndProtocols))]
    public async Task Participants_join_a_voice_session_relay_signals_and_a_disconnect_leaves_it(string provider, HubProtocol protocol)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await VoiceRoomAsync(app, alice, bob);
        await using var aliceHub = await app.HubAsync(alice, protocol, "voice.joined", "voice.left", "voice.signal");
        var bobHub = await app.HubAsync(bob, protocol, "voice.signal");
        await aliceHub.InvokeAsync("Subscribe", channel);

        var first = await aliceHub.InvokeJsonAsync("JoinVoice", channel);
        Assert.Equal([alice.Id.ToString()], first.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        var second = await bobHub.InvokeJsonAsync("JoinVoice", channel);
        Assert.Equal(first.Str("session_id"), second.Str("session_id"));
        Assert.Equal(2, second.GetProperty("participants").GetArrayLength());
        Assert.Equal(alice.Id.ToString(), (await aliceHub.NextAsync("voice.joined")).Str("user_id"));
        Assert.Equal(bob.Id.ToString(), (await aliceHub.NextAsync("voice.joined")).Str("user_id"));

        await aliceHub.InvokeAsync("SendSignal", channel, bob.Id, "offer", "v=0 sdp");
        var signal = await bobHub.NextAsync("voice.signal");
        Assert.Equal((alice.Id.ToString(), "offer", "v=0 sdp"), (signal.Str("from_user_id"), signal.Str("kind"), signal.Str("payload")));
        Assert.False(aliceHub.HasPending("voice.signal"));

        var state = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/voice", alice);
        Assert.Equal(2, state.GetProperty("session").GetProperty("participants").GetArrayLength());

        await bobHub.DisposeAsync();
        Assert.Equal(bob.Id.ToString(), (await aliceHub.NextAsync("voice.left")).Str("user_id"));
        await aliceHub.InvokeAsync("LeaveVoice", channel);
        Assert.Equal(alice.Id.ToString(), (await aliceHub.NextAsync("voice.left")).Str("user_id"));
        var ended = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/voice", alice);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, ended.GetProperty("session").ValueKind);
    }

    [Theory, BothProviders]
    public async Task Voice_refuses_outsiders_text_channels_strangers_signals_and_a_full_session(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Chat:MaxVoiceParticipants"] = "2" });
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var carol = await app.UserAsync("carol");
        var eve = await app.UserAsync("eve");
        var (community, channel) = await VoiceRoomAsync(app, alice, bob, carol);
        var textChannel = await app.ChannelAsync(community, alice);
        await using var aliceHub = await app.HubAsync(alice);
        await using var bobHub = await app.HubAsync(bob);
        await using var carolHub = await app.HubAsync(carol);
        await using var eveHub = await app.HubAsync(eve);

        await eveHub.RefusedAsync("not_a_member", "JoinVoice", channel);
        await aliceHub.RefusedAsync("not_a_voice_channel", "JoinVoice", textChannel);
        await aliceHub.InvokeAsync("JoinVoice", channel);
        await carolHub.RefusedAsync("not_in_voice", "SendSignal", channel, alice.Id, "offer", "x");
        await aliceHub.RefusedAsync("voice_participant_not_found", "SendSignal", channel, carol.Id, "offer", "x");
        await aliceHub.RefusedAsync("validation_failed", "SendSignal", channel, alice.Id, "shout", "x");
        await bobHub.InvokeAsync("JoinVoice", channel);
        await carolHub.RefusedAsync("voice_full", "JoinVoice", channel);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/channels/{channel}/voice", eve);
    }

    [Theory, BothProviders]
    public async Task Keys_low_on_the_event_bus_reaches_the_users_connections(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        await using var aliceHub = await app.HubAsync(alice, HubProtocol.MessagePack, "keys_low");
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "keys_low");
        // A first invocation runs after OnConnectedAsync, so the connections are in their user groups by then.
        await aliceHub.InvokeAsync("Unsubscribe", Guid.NewGuid());
        await bobHub.InvokeAsync("Unsubscribe", Guid.NewGuid());

        await app.Services.GetRequiredService<EventBus>().PublishAsync(new KeysLow(alice.Id, 7));

        Assert.Equal(7, (await aliceHub.NextAsync("keys_low")).GetProperty("remaining").GetInt32());
        Assert.False(bobHub.HasPending("keys_low"));
    }

    /// <summary>A community with a voice channel every one of <paramref name="members"/> has joined.</summary>
    private static async Task<(Guid Community, Guid Channel)> VoiceRoomAsync(TestApp app, ChatUser owner, params ChatUser[] members)
    {
        var community = await app.CommunityAsync(owner);
        var group = await app.GroupAsync(community, owner);
        var channel = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/groups/{group}/channels", owner, new { name = "voice", channel_type = "voice" })).GetProperty("id").GetGuid();
        foreach (var member in members)
        {
            await app.JoinAsync(community, owner, member);
            await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/join", member);
        }
        return (community, channel);
    }
}
