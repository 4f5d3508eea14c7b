using System.Net;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

public sealed class RoleTests
{
    private static Task<HttpResponseMessage> SetRoleAsync(TestApp app, string token, Guid userId, string role) =>
        app.SendAsync(HttpMethod.Put, $"/api/admin/users/{userId}/role", token, new { role });

    private static async Task<Guid> IdOfAsync(TestApp app, string token, string username)
    {
        using var list = await app.SendAsync(HttpMethod.Get, "/api/admin/users", token);
        return (await list.JsonAsync()).EnumerateArray().Single(u => u.Str("username") == username).GetProperty("id").GetGuid();
    }

    [Theory, BothProviders]
    public async Task The_last_active_owner_can_be_neither_disabled_nor_demoted(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.SignInAsync();
        var ownerId = await IdOfAsync(app, owner.AccessToken, TestApp.AdminUsername);

        using var disable = await app.SendAsync(HttpMethod.Post, $"/api/admin/users/{ownerId}/disable", owner.AccessToken);
        Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        Assert.Equal("last_owner", await disable.ProblemCodeAsync());
        using var demote = await SetRoleAsync(app, owner.AccessToken, ownerId, "admin");
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);

        // With a second owner, the first may step down.
        var secondId = await app.CreateUserAsync(owner.AccessToken, "olive", "olives-long-password", role: "owner");
        using var stepDown = await SetRoleAsync(app, owner.AccessToken, ownerId, "admin");
        Assert.Equal(HttpStatusCode.NoContent, stepDown.StatusCode);

        var olive = await app.SignInAsync("olive", "olives-long-password");
        using var lastOne = await app.SendAsync(HttpMethod.Post, $"/api/admin/users/{secondId}/disable", olive.AccessToken);
        Assert.Equal(HttpStatusCode.Conflict, lastOne.StatusCode);
    }

    [Theory, BothProviders]
    public async Task Only_an_owner_makes_owners_or_changes_an_owners_role(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.SignInAsync();
        var ownerId = await IdOfAsync(app, owner.AccessToken, TestApp.AdminUsername);
        await app.CreateUserAsync(owner.AccessToken, "adam", "adams-long-password", role: "admin");
        var userId = await app.CreateUserAsync(owner.AccessToken, "ursula", "ursulas-long-password");
        var admin = await app.SignInAsync("adam", "adams-long-password");

        using var makeOwner = await SetRoleAsync(app, admin.AccessToken, userId, "owner");
        Assert.Equal(HttpStatusCode.Forbidden, makeOwner.StatusCode);
        Assert.Equal("owner_required", await makeOwner.ProblemCodeAsync());
        using var demoteOwner = await SetRoleAsync(app, admin.AccessToken, ownerId, "user");
        Assert.Equal(HttpStatusCode.Forbidden, demoteOwner.StatusCode);
        using var createOwner = await app.SendAsync(HttpMethod.Post, "/api/admin/users", admin.AccessToken,
            new { username = "otto", password = "ottos-long-password", role = "owner" });
        Assert.Equal(HttpStatusCode.Forbidden, createOwner.StatusCode);

        using var makeAdmin = await SetRoleAsync(app, admin.AccessToken, userId, "admin");
        Assert.Equal(HttpStatusCode.NoContent, makeAdmin.StatusCode);
        using var badRole = await SetRoleAsync(app, admin.AccessToken, userId, "superuser");
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Equal("validation_failed", await badRole.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task A_role_change_applies_to_existing_tokens_at_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.SignInAsync();
        var userId = await app.CreateUserAsync(owner.AccessToken, "ursula", "ursulas-long-password");
        var user = await app.SignInAsync("ursula", "ursulas-long-password");

        using var before = await app.SendAsync(HttpMethod.Get, "/api/admin/users", user.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);

        using var promote = await SetRoleAsync(app, owner.AccessToken, userId, "admin");
        Assert.Equal(HttpStatusCode.NoContent, promote.StatusCode);
        using var after = await app.SendAsync(HttpMethod.Get, "/api/admin/users", user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        using var demote = await SetRoleAsync(app, owner.AccessToken, userId, "user");
        using var demoted = await app.SendAsync(HttpMethod.Get, "/api/admin/users", user.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, demoted.StatusCode);
    }

    [Theory, BothProviders]
    public async Task Creating_a_user_checks_the_input_and_refuses_a_taken_username(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.SignInAsync();

        using var created = await app.SendAsync(HttpMethod.Post, "/api/admin/users", owner.AccessToken,
            new { username = "Dana", password = "danas-long-password", email = "dana@example.test", display_name = "Dana", role = "user" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.JsonAsync();
        Assert.Equal("dana", user.Str("username"));
        Assert.Equal("user", user.Str("role"));

        using var taken = await app.SendAsync(HttpMethod.Post, "/api/admin/users", owner.AccessToken,
            new { username = "dana", password = "another-long-password", role = "user" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("username_taken", await taken.ProblemCodeAsync());

        using var weak = await app.SendAsync(HttpMethod.Post, "/api/admin/users", owner.AccessToken,
            new { username = "eve", password = "short", role = "user" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal("validation_failed", await weak.ProblemCodeAsync());
        Assert.True((await weak.JsonAsync()).GetProperty("errors").TryGetProperty("password", out _));
    }
}
