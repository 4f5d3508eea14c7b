using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

public sealed class SessionTests
{
    [Theory, BothProviders]
    public async Task Signing_in_returns_tokens_that_reach_the_account(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        using var login = await app.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var json = await login.JsonAsync();
        Assert.Equal("Bearer", json.Str("token_type"));
        Assert.Equal(15 * 60, json.GetProperty("expires_in").GetInt32());
        Assert.StartsWith("rt_", json.Str("refresh_token"), StringComparison.Ordinal);
        Assert.Equal("owner", json.GetProperty("user").Str("role"));

        using var account = await app.SendAsync(HttpMethod.Get, "/api/account", json.Str("access_token"));
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        var user = await account.JsonAsync();
        Assert.Equal(TestApp.AdminUsername, user.Str("username"));
        Assert.False(user.GetProperty("password_must_change").GetBoolean());
    }

    [Theory, BothProviders]
    public async Task Wrong_password_and_unknown_user_both_answer_invalid_credentials(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        using var wrong = await app.LoginAsync(password: "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_credentials", await wrong.ProblemCodeAsync());

        using var unknown = await app.LoginAsync(username: "nobody", password: "whatever-password");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("invalid_credentials", await unknown.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Requests_without_or_with_a_bad_token_get_a_401_problem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        using var none = await app.SendAsync(HttpMethod.Get, "/api/account");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("unauthorized", await none.ProblemCodeAsync());

        using var forged = await app.SendAsync(HttpMethod.Get, "/api/account", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("unauthorized", await forged.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Refresh_rotates_the_refresh_token_and_issues_a_working_access_token(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var first = await app.SignInAsync();

        using var refreshed = await app.SendAsync(HttpMethod.Post, "/api/auth/refresh", body: new { refresh_token = first.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = Tokens.From(await refreshed.JsonAsync());
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);

        using var account = await app.SendAsync(HttpMethod.Get, "/api/account", second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);

        using var unknown = await app.SendAsync(HttpMethod.Post, "/api/auth/refresh", body: new { refresh_token = "rt_unknown" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("invalid_refresh_token", await unknown.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Reusing_a_rotated_refresh_token_revokes_the_family(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var first = await app.SignInAsync();
        using var rotated = await app.SendAsync(HttpMethod.Post, "/api/auth/refresh", body: new { refresh_token = first.RefreshToken });
        var newest = Tokens.From(await rotated.JsonAsync());

        using var reuse = await app.SendAsync(HttpMethod.Post, "/api/auth/refresh", body: new { refresh_token = first.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal("refresh_token_reused", await reuse.ProblemCodeAsync());

        using var newestRefresh = await app.SendAsync(HttpMethod.Post, "/api/auth/refresh", body: new { refresh_token = newest.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, newestRefresh.StatusCode);
        using var newestAccess = await app.SendAsync(HttpMethod.Get, "/api/account", newest.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, newestAccess.StatusCode);
        using var firstAccess = await app.SendAsync(HttpMethod.Get, "/api/account", first.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, firstAccess.StatusCode);

        // Another sign-in of the same user is a different family and is untouched.
        var other = await app.SignInAsync();
        using var otherAccess = await app.SendAsync(HttpMethod.Get, "/api/account", other.AccessToken);
        Assert.Equal(HttpStatusCode.OK, otherAccess.StatusCode);
    }

    [Theory, BothProviders]
    public async Task Logout_ends_the_session_at_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var tokens = await app.SignInAsync();

        using var logout = await app.SendAsync(HttpMethod.Post, "/api/auth/logout", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        using var access = await app.SendAsync(HttpMethod.Get, "/api/account", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, access.StatusCode);
        using var refresh = await app.SendAsync(HttpMethod.Post, "/api/auth/refresh", body: new { refresh_token = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal("invalid_refresh_token", await refresh.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Logout_all_ends_every_session_of_the_user(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var laptop = await app.SignInAsync();
        var phone = await app.SignInAsync();

        using var logoutAll = await app.SendAsync(HttpMethod.Post, "/api/auth/logout-all", laptop.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, logoutAll.StatusCode);

        foreach (var tokens in new[] { laptop, phone })
        {
            using var access = await app.SendAsync(HttpMethod.Get, "/api/account", tokens.AccessToken);
            Assert.Equal(HttpStatusCode.Unauthorized, access.StatusCode);
            using var refresh = await app.SendAsync(HttpMethod.Post, "/api/auth/refresh", body: new { refresh_token = tokens.RefreshToken });
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        }
    }

    [Theory, BothProviders]
    public async Task Revoking_a_session_makes_its_access_token_401_at_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var laptop = await app.SignInAsync();
        var phone = await app.SignInAsync();

        using var list = await app.SendAsync(HttpMethod.Get, "/api/account/sessions", laptop.AccessToken);
        var sessions = (await list.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        var phoneSession = Assert.Single(sessions, s => !s.GetProperty("current").GetBoolean());

        using var revoke = await app.SendAsync(HttpMethod.Delete, "/api/account/sessions/" + phoneSession.Str("id"), laptop.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var phoneAccess = await app.SendAsync(HttpMethod.Get, "/api/account", phone.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneAccess.StatusCode);
        using var laptopAccess = await app.SendAsync(HttpMethod.Get, "/api/account", laptop.AccessToken);
        Assert.Equal(HttpStatusCode.OK, laptopAccess.StatusCode);

        using var again = await app.SendAsync(HttpMethod.Delete, "/api/account/sessions/" + phoneSession.Str("id"), laptop.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("session_not_found", await again.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Changing_the_password_signs_out_other_sessions_and_the_old_password_stops_working(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var here = await app.SignInAsync();
        var elsewhere = await app.SignInAsync();

        using var tooShort = await app.SendAsync(HttpMethod.Post, "/api/account/password", here.AccessToken,
            new { current_password = TestApp.AdminPassword, new_password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal("validation_failed", await tooShort.ProblemCodeAsync());

        using var change = await app.SendAsync(HttpMethod.Post, "/api/account/password", here.AccessToken,
            new { current_password = TestApp.AdminPassword, new_password = "a-brand-new-passphrase" });
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        using var hereAccess = await app.SendAsync(HttpMethod.Get, "/api/account", here.AccessToken);
        Assert.Equal(HttpStatusCode.OK, hereAccess.StatusCode);
        using var elsewhereAccess = await app.SendAsync(HttpMethod.Get, "/api/account", elsewhere.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhereAccess.StatusCode);

        using var oldPassword = await app.LoginAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        await app.SignInAsync(password: "a-brand-new-passphrase");
    }

    [Theory, BothProviders]
    public async Task A_session_records_when_it_was_last_seen_at_most_once_a_minute(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var tokens = await app.SignInAsync();
        var signedInAt = clock.GetUtcNow().UtcDateTime;

        async Task<DateTime> LastSeenAsync()
        {
            await using var scope = app.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Sessions.SingleAsync()).LastSeenAt;
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        using (var soon = await app.SendAsync(HttpMethod.Get, "/api/account", tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, soon.StatusCode);
        }
        Assert.Equal(signedInAt, await LastSeenAsync(), TimeSpan.FromMilliseconds(1));

        clock.Advance(TimeSpan.FromSeconds(40));
        using (var later = await app.SendAsync(HttpMethod.Get, "/api/account", tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        }
        Assert.Equal(clock.GetUtcNow().UtcDateTime, await LastSeenAsync(), TimeSpan.FromMilliseconds(1));
    }

    [Theory, BothProviders]
    public async Task An_access_token_expires_after_its_lifetime_and_refresh_gets_a_new_one(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var tokens = await app.SignInAsync();

        clock.Advance(TimeSpan.FromMinutes(16));
        using var expired = await app.SendAsync(HttpMethod.Get, "/api/account", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);

        using var refreshed = await app.SendAsync(HttpMethod.Post, "/api/auth/refresh", body: new { refresh_token = tokens.RefreshToken });
        var fresh = Tokens.From(await refreshed.JsonAsync());
        using var account = await app.SendAsync(HttpMethod.Get, "/api/account", fresh.AccessToken);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);

        clock.Advance(TimeSpan.FromDays(31));
        using var stale = await app.SendAsync(HttpMethod.Post, "/api/auth/refresh", body: new { refresh_token = fresh.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal("invalid_refresh_token", await stale.ProblemCodeAsync());
    }
}
