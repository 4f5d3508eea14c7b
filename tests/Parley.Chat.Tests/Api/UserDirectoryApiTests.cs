using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class UserDirectoryApiTests
{
    [Theory, BothProviders]
    public async Task Users_are_found_by_ids_and_by_username(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");

        var byIds = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/users?ids={alice.Id},{bob.Id}", alice);
        Assert.Equal(["alice", "bob"], byIds.EnumerateArray().Select(u => u.Str("username")).Order().ToArray());

        var byName = await app.OkJsonAsync(HttpMethod.Get, "/api/chat/users?username=bob", alice);
        Assert.Equal(bob.Id, Assert.Single(byName.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/users?username=nobody", alice)).EnumerateArray());
    }

    [Theory, BothProviders]
    public async Task Bots_are_marked_in_user_cards_and_member_lists(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bot = await app.UserAsync("support-bot");
        var (community, channel) = await app.RoomAsync(alice, bot);
        await using (var scope = app.CreateScope())
        {
            var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            await core.Users.Where(u => u.Id == bot.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsBot, true));
        }

        var cards = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/users?ids={alice.Id},{bot.Id}", alice);
        Assert.Equal([("alice", false), ("support-bot", true)],
            cards.EnumerateArray().Select(u => (u.Str("username"), u.GetProperty("is_bot").GetBoolean())).Order().ToArray());
        Assert.True(Assert.Single((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/users?username=support-bot", alice)).EnumerateArray()).GetProperty("is_bot").GetBoolean());

        foreach (var list in new[] { $"/api/chat/communities/{community}/members", $"/api/chat/channels/{channel}/members" })
        {
            var bots = (await app.OkJsonAsync(HttpMethod.Get, list, alice)).EnumerateArray()
                .Where(m => m.GetProperty("is_bot").GetBoolean()).Select(m => m.GetProperty("user_id").GetGuid()).ToList();
            Assert.Equal([bot.Id], bots);
        }
    }

    [Theory, BothProviders]
    public async Task Bad_ids_are_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, "/api/chat/users?ids=not-a-guid", alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, "/api/chat/users", alice);
    }
}
