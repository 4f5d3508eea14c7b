using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Chat.Tests.RealTime;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class ReactionsApiTests
{
    private static string ReactionPath(string messageId, string emoji) => $"/api/chat/messages/{messageId}/reactions/{Uri.EscapeDataString(emoji)}";

    private static List<(string Emoji, int Count, bool Me)> Reactions(JsonElement message) =>
        message.GetProperty("reactions").EnumerateArray().Select(r => (r.Str("emoji"), r.GetProperty("count").GetInt32(), r.GetProperty("me").GetBoolean())).ToList();

    [Theory, BothProviders]
    public async Task Reacting_is_idempotent_counted_per_emoji_and_shows_who_is_me(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var id = (await app.PostAsync(channel, alice, "hello")).Str("id");

        await app.OkJsonAsync(HttpMethod.Put, ReactionPath(id, "👍"), alice);
        await app.OkJsonAsync(HttpMethod.Put, ReactionPath(id, "👍"), alice);
        await app.OkJsonAsync(HttpMethod.Put, ReactionPath(id, "👍"), bob);
        await app.OkJsonAsync(HttpMethod.Put, ReactionPath(id, ":party_crab:"), bob);

        var asAlice = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/messages/{id}", alice);
        Assert.Equal([("👍", 2, true), (":party_crab:", 1, false)], Reactions(asAlice));
        var page = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages", bob);
        Assert.Equal([("👍", 2, true), (":party_crab:", 1, true)], Reactions(page.GetProperty("messages")[0]));

        await app.OkJsonAsync(HttpMethod.Delete, ReactionPath(id, "👍"), alice);
        await app.OkJsonAsync(HttpMethod.Delete, ReactionPath(id, "👍"), alice);
        var after = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/messages/{id}", alice);
        Assert.Equal([("👍", 1, false), (":party_crab:", 1, false)], Reactions(after));
    }

    [Theory, BothProviders]
    public async Task A_message_takes_at_most_twenty_distinct_emoji_but_joining_one_is_allowed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var id = (await app.PostAsync(channel, alice, "vote")).Str("id");
        for (var i = 0; i < 20; i++)
        {
            await app.OkJsonAsync(HttpMethod.Put, ReactionPath(id, $":e{i}:"), alice);
        }

        await app.RefusedAsync(HttpStatusCode.Conflict, "reaction_limit", HttpMethod.Put, ReactionPath(id, ":e20:"), bob);
        await app.OkJsonAsync(HttpMethod.Put, ReactionPath(id, ":e3:"), bob);
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        Assert.Equal(21, await db.Reactions.CountAsync());
    }

    [Theory, BothProviders]
    public async Task Bad_emoji_outsiders_and_deleted_messages_are_refused_and_nothing_is_stored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var eve = await app.UserAsync("eve");
        var (_, channel) = await app.RoomAsync(alice);
        var id = (await app.PostAsync(channel, alice, "hello")).Str("id");

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, ReactionPath(id, new string('x', 33)), alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, ReactionPath(id, "thumbs up"), alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, ReactionPath(id, " "), alice);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Put, ReactionPath(id, "👍"), eve);
        await app.RefusedAsync(HttpStatusCode.NotFound, "message_not_found", HttpMethod.Put, ReactionPath(Guid.NewGuid().ToString(), "👍"), alice);
        using (await app.SendAsync(HttpMethod.Delete, $"/api/chat/messages/{id}", alice.Token))
        {
        }
        await app.RefusedAsync(HttpStatusCode.Conflict, "message_deleted", HttpMethod.Put, ReactionPath(id, "👍"), alice);

        await using var scope = app.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Reactions.AnyAsync());
    }

    [Theory, MemberData(nameof(ChatHubTests.ProvidersAndProtocols), MemberType = typeof(ChatHubTests))]
    public async Task Subscribers_see_reactions_added_and_removed_once(string provider, HubProtocol protocol)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var id = (await app.PostAsync(channel, alice, "hello")).Str("id");
        await using var bobHub = await app.HubAsync(bob, protocol, "reaction.added", "reaction.removed");
        await bobHub.InvokeAsync("Subscribe", channel);

        await app.OkJsonAsync(HttpMethod.Put, ReactionPath(id, "🦀"), alice);
        await app.OkJsonAsync(HttpMethod.Put, ReactionPath(id, "🦀"), alice);
        var added = await bobHub.NextAsync("reaction.added");
        Assert.Equal((id, channel.ToString(), alice.Id.ToString(), "🦀"), (added.Str("message_id"), added.Str("channel_id"), added.Str("user_id"), added.Str("emoji")));

        await app.OkJsonAsync(HttpMethod.Delete, ReactionPath(id, "🦀"), alice);
        var removed = await bobHub.NextAsync("reaction.removed");
        Assert.Equal("🦀", removed.Str("emoji"));
        Assert.False(bobHub.HasPending("reaction.added"), "the repeated PUT announced a second reaction");
    }
}
