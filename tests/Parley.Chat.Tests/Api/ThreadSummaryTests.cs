using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class ThreadSummaryTests
{
    [Theory, BothProviders]
    public async Task History_shows_how_many_live_replies_each_thread_has(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var root = (await app.PostAsync(channel, alice, "question")).Str("id");
        var quiet = (await app.PostAsync(channel, alice, "nobody answers")).Str("id");
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/messages", bob, new { plaintext = "answer", thread_id = root });
        var gone = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/messages", bob, new { plaintext = "oops", thread_id = root })).Str("id");
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/messages", alice, new { plaintext = "thanks", thread_id = root });
        using (await app.SendAsync(HttpMethod.Delete, $"/api/chat/messages/{gone}", bob.Token))
        {
        }

        var page = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages", bob);
        var counts = page.GetProperty("messages").EnumerateArray().ToDictionary(m => m.Str("id"), m => m.GetProperty("reply_count").GetInt32());
        Assert.Equal(2, counts[root]);
        Assert.Equal(0, counts[quiet]);
        Assert.Equal(2, (await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/messages/{root}", bob)).GetProperty("reply_count").GetInt32());
    }
}
