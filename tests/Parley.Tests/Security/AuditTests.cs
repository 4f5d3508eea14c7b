using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

public sealed class AuditTests
{
    [Theory, BothProviders]
    public async Task Security_actions_are_recorded_and_an_admin_can_query_them(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var failed = await app.LoginAsync(password: "wrong-password");
        var owner = await app.SignInAsync();
        var userId = await app.CreateUserAsync(owner.AccessToken, "ursula", "ursulas-long-password");
        await app.CreateApiKeyAsync(owner.AccessToken, ["users.read"]);
        using var promote = await app.SendAsync(HttpMethod.Put, $"/api/admin/users/{userId}/role", owner.AccessToken, new { role = "admin" });

        using var response = await app.SendAsync(HttpMethod.Get, "/api/admin/audit", owner.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var actions = items.Select(i => i.Str("action")).ToList();
        foreach (var action in new[] { "auth.login_failed", "auth.login", "user.created", "apikey.created", "user.role_changed" })
        {
            Assert.Contains(action, actions);
        }
        var login = items.First(i => i.Str("action") == "auth.login");
        Assert.Equal(TestApp.AdminUsername, login.Str("username"));
        var roleChange = items.Single(i => i.Str("action") == "user.role_changed");
        Assert.Equal("admin", roleChange.GetProperty("metadata").Str("to"));
        Assert.Equal(userId, roleChange.GetProperty("metadata").GetProperty("target_user_id").GetGuid());
        Assert.Equal(TestApp.AdminUsername, roleChange.Str("username"));

        // Nothing secret is ever written down.
        Assert.DoesNotContain(TestApp.AdminPassword, (await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", (await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var filtered = await app.SendAsync(HttpMethod.Get, "/api/admin/audit?action=user.created", owner.AccessToken);
        // The first admin's creation at start-up and ursula's.
        var created = (await filtered.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, created.Count);
        Assert.All(created, c => Assert.Equal("user.created", c.Str("action")));
        Assert.Equal(["ursula", TestApp.AdminUsername], created.Select(c => c.GetProperty("metadata").Str("username")));
    }

    [Theory, BothProviders]
    public async Task A_plain_user_gets_403_from_the_audit_log(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.SignInAsync();
        await app.CreateUserAsync(owner.AccessToken, "ursula", "ursulas-long-password");
        var user = await app.SignInAsync("ursula", "ursulas-long-password");

        using var response = await app.SendAsync(HttpMethod.Get, "/api/admin/audit", user.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", await response.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task The_audit_log_pages_newest_first_without_gaps_or_repeats(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        for (var i = 0; i < 4; i++)
        {
            using var failed = await app.LoginAsync(password: "wrong-password");
        }
        var owner = await app.SignInAsync();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var path = "/api/admin/audit?limit=2" + (cursor is null ? "" : "&before=" + cursor);
            using var response = await app.SendAsync(HttpMethod.Get, path, owner.AccessToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Select(i => i.Str("id")));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        // The first admin's creation, four failures, one sign-in.
        Assert.Equal(6, seen.Count);
        Assert.Equal(6, seen.Distinct(StringComparer.Ordinal).Count());

        using var all = await app.SendAsync(HttpMethod.Get, "/api/admin/audit", owner.AccessToken);
        var newestFirst = (await all.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(seen, newestFirst.Select(i => i.Str("id")));
        Assert.Equal("auth.login", newestFirst[0].Str("action"));

        using var tooMany = await app.SendAsync(HttpMethod.Get, "/api/admin/audit?limit=201", owner.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("validation_failed", await tooMany.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Paging_holds_when_entries_share_a_timestamp(string provider)
    {
        // A clock that never moves: every entry has the same created_at, so only the id orders them.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        for (var i = 0; i < 6; i++)
        {
            using var failed = await app.LoginAsync(username: "nobody-" + i, password: "wrong-password");
        }
        var owner = await app.SignInAsync();

        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 20 && (pages == 0 || cursor is not null); pages++)
        {
            using var response = await app.SendAsync(HttpMethod.Get, "/api/admin/audit?limit=3" + (cursor is null ? "" : "&before=" + cursor), owner.AccessToken);
            var page = await response.JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Str("id")));
            cursor = page.GetProperty("next_cursor").GetString();
        }

        using var all = await app.SendAsync(HttpMethod.Get, "/api/admin/audit", owner.AccessToken);
        var everything = (await all.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.Str("id")).ToList();
        Assert.Equal(8, everything.Count);
        Assert.Equal(everything, seen);
    }
}
