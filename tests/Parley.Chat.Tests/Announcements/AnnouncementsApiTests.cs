using System.Net;
using Parley.Core.Security;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Announcements;

public sealed class AnnouncementsApiTests
{
    private const string Password = "a-long-enough-password-1";

    [Theory, BothProviders]
    public async Task An_announcement_shows_to_each_user_until_they_dismiss_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        await app.CreateUserAsync(admin, "alice", Password);
        var alice = (await app.SignInAsync("alice", Password)).AccessToken;

        using var created = await app.SendAsync(HttpMethod.Post, "/api/chat/announcements", admin, new { title = "Maintenance", body = "Tonight at 22:00 UTC." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        Assert.Equal([id], await ActiveAsync(app, alice));

        using (var dismissed = await app.SendAsync(HttpMethod.Post, $"/api/chat/announcements/{id}/dismiss", alice))
        {
            Assert.Equal(HttpStatusCode.NoContent, dismissed.StatusCode);
        }
        using (var again = await app.SendAsync(HttpMethod.Post, $"/api/chat/announcements/{id}/dismiss", alice))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }
        Assert.Empty(await ActiveAsync(app, alice));
        Assert.Equal([id], await ActiveAsync(app, admin));

        using var unknown = await app.SendAsync(HttpMethod.Post, $"/api/chat/announcements/{Guid.CreateVersion7()}/dismiss", alice);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("announcement_not_found", await unknown.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Only_administrators_post_announcements_and_they_are_validated(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        await app.CreateUserAsync(admin, "alice", Password);
        var alice = (await app.SignInAsync("alice", Password)).AccessToken;

        using var byUser = await app.SendAsync(HttpMethod.Post, "/api/chat/announcements", alice, new { title = "Hi", body = "Hello" });
        Assert.Equal(HttpStatusCode.Forbidden, byUser.StatusCode);

        using var invalid = await app.SendAsync(HttpMethod.Post, "/api/chat/announcements", admin, new { title = new string('t', 201), body = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("body", out _));

        // An API key holding the permission is no user, so it has no one to post as.
        using var client = await app.ClientWithAsync(Permissions.UsersWrite);
        using var byKey = await client.PostAsync(new Uri("/api/chat/announcements", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { title = "Hi", body = "Hello" }));
        Assert.Equal(HttpStatusCode.Forbidden, byKey.StatusCode);
        Assert.Equal("user_required", await byKey.ProblemCodeAsync());
    }

    private static async Task<List<Guid>> ActiveAsync(TestApp app, string token)
    {
        using var response = await app.SendAsync(HttpMethod.Get, "/api/chat/announcements", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
    }
}
