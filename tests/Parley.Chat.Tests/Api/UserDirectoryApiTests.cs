using System.Net;
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
    public async Task Bad_ids_are_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, "/api/chat/users?ids=not-a-guid", alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, "/api/chat/users", alice);
    }
}
