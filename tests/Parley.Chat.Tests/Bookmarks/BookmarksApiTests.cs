using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Bookmarks;

public sealed class BookmarksApiTests
{
    [Theory, BothProviders]
    public async Task A_bookmark_is_saved_noted_listed_and_removed_and_the_owners_devices_follow(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var message = await app.PostAsync(channel, alice, "remember this");
        await using var bobHub = await app.HubAsync(bob, HubProtocol.MessagePack, "bookmark.created", "bookmark.updated", "bookmark.deleted");
        await bobHub.InvokeAsync("Unsubscribe", Guid.NewGuid()); // runs after OnConnectedAsync: bob is in his user group

        var saved = await app.OkJsonAsync(HttpMethod.Post, "/api/chat/bookmarks", bob, new { message_id = message.Str("id"), note = "for later" });
        Assert.Equal("remember this", saved.GetProperty("message").Str("plaintext"));
        Assert.Equal(saved.Str("id"), (await bobHub.NextAsync("bookmark.created")).Str("id"));
        await app.RefusedAsync(HttpStatusCode.Conflict, "bookmark_exists", HttpMethod.Post, "/api/chat/bookmarks", bob, new { message_id = message.Str("id") });

        var noted = await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/bookmarks/{saved.Str("id")}", bob, new { note = "important" });
        Assert.Equal("important", noted.Str("note"));
        Assert.Equal("important", (await bobHub.NextAsync("bookmark.updated")).Str("note"));
        var list = await app.OkJsonAsync(HttpMethod.Get, "/api/chat/bookmarks", bob);
        Assert.Equal([saved.Str("id")], list.EnumerateArray().Select(b => b.Str("id")));
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/bookmarks", alice)).EnumerateArray());
        await app.RefusedAsync(HttpStatusCode.NotFound, "bookmark_not_found", HttpMethod.Delete, $"/api/chat/bookmarks/{saved.Str("id")}", alice);

        // Leaving the channel hides its bookmarks: they show what the user may read now.
        using (await app.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/leave", bob.Token))
        {
        }
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/bookmarks", bob)).EnumerateArray());

        using (var deleted = await app.SendAsync(HttpMethod.Delete, $"/api/chat/bookmarks/{saved.Str("id")}", bob.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Equal(saved.Str("id"), (await bobHub.NextAsync("bookmark.deleted")).Str("id"));
    }

    [Theory, BothProviders]
    public async Task Bad_bookmarks_are_refused_and_nothing_is_stored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var eve = await app.UserAsync("eve");
        var (_, channel) = await app.RoomAsync(alice);
        var message = await app.PostAsync(channel, alice, "private");

        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Post, "/api/chat/bookmarks", eve, new { message_id = message.Str("id") });
        await app.RefusedAsync(HttpStatusCode.NotFound, "message_not_found", HttpMethod.Post, "/api/chat/bookmarks", alice, new { message_id = Guid.NewGuid() });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, "/api/chat/bookmarks", alice, new { note = "no message" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, "/api/chat/bookmarks", alice, new { message_id = message.Str("id"), note = new string('n', 1001) });

        await using var scope = app.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Bookmarks.AnyAsync());
    }
}
