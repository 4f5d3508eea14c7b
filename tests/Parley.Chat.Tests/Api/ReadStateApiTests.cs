using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class ReadStateApiTests
{
    private static JsonElement For(JsonElement unread, Guid channel) =>
        unread.EnumerateArray().Single(u => u.Str("channel_id") == channel.ToString());

    [Theory, BothProviders]
    public async Task Unread_counts_follow_the_cursor_and_count_mentions(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var first = (await app.PostAsync(channel, alice, "hello")).Str("id");
        await app.PostAsync(channel, alice, "hey @Bob, look");
        await app.PostAsync(channel, alice, "@everyone meeting");
        await app.PostAsync(channel, bob, "mine do not count");

        var unread = For(await app.OkJsonAsync(HttpMethod.Get, "/api/chat/unread", bob), channel);
        Assert.Equal((3, 2), (unread.GetProperty("unread_count").GetInt32(), unread.GetProperty("mention_count").GetInt32()));
        Assert.Equal(JsonValueKind.Null, unread.GetProperty("last_read_message_id").ValueKind);

        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/channels/{channel}/read", bob, new { message_id = first });
        unread = For(await app.OkJsonAsync(HttpMethod.Get, "/api/chat/unread", bob), channel);
        Assert.Equal((2, 2, first), (unread.GetProperty("unread_count").GetInt32(), unread.GetProperty("mention_count").GetInt32(), unread.Str("last_read_message_id")));

        var (_, other) = await app.RoomAsync(alice, bob);
        await app.PostAsync(other, alice, "elsewhere");
        await app.OkJsonAsync(HttpMethod.Post, "/api/chat/unread/mark-all-read", bob);
        var all = await app.OkJsonAsync(HttpMethod.Get, "/api/chat/unread", bob);
        Assert.All(all.EnumerateArray(), u => Assert.Equal(0, u.GetProperty("unread_count").GetInt32()));
        Assert.Equal(2, all.GetArrayLength());
    }

    [Theory, BothProviders]
    public async Task Mark_all_read_can_be_limited_to_one_community(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (community, channel) = await app.RoomAsync(alice, bob);
        var (_, other) = await app.RoomAsync(alice, bob);
        await app.PostAsync(channel, alice, "one");
        await app.PostAsync(other, alice, "two");

        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/unread/mark-all-read?community_id={community}", bob);
        var unread = await app.OkJsonAsync(HttpMethod.Get, "/api/chat/unread", bob);
        Assert.Equal(0, For(unread, channel).GetProperty("unread_count").GetInt32());
        Assert.Equal(1, For(unread, other).GetProperty("unread_count").GetInt32());
    }

    [Theory, BothProviders]
    public async Task Bad_read_marks_are_refused_and_nothing_is_stored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var eve = await app.UserAsync("eve");
        var (_, channel) = await app.RoomAsync(alice);
        var (_, other) = await app.RoomAsync(alice);
        var elsewhere = (await app.PostAsync(other, alice, "elsewhere")).Str("id");
        var here = (await app.PostAsync(channel, alice, "here")).Str("id");

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, $"/api/chat/channels/{channel}/read", alice, new { });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, $"/api/chat/channels/{channel}/read", alice, new { message_id = elsewhere });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Put, $"/api/chat/channels/{channel}/read", eve, new { message_id = here });
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Put, $"/api/chat/channels/{Guid.NewGuid()}/read", alice, new { message_id = here });

        await using var scope = app.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ChatDbContext>().ReadCursors.AnyAsync());
    }

    [Theory, BothProviders]
    public async Task Subscribers_see_who_read_how_far(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var id = (await app.PostAsync(channel, alice, "seen?")).Str("id");
        await using var aliceHub = await app.HubAsync(alice, HubProtocol.MessagePack, "read");
        await aliceHub.InvokeAsync("Subscribe", channel);

        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/channels/{channel}/read", bob, new { message_id = id });
        var read = await aliceHub.NextAsync("read");
        Assert.Equal((channel.ToString(), bob.Id.ToString(), id), (read.Str("channel_id"), read.Str("user_id"), read.Str("message_id")));
    }
}
