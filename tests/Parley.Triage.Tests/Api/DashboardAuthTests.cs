using Microsoft.EntityFrameworkCore;
using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Triage.Tests.Api;

public sealed class DashboardAuthTests
{
    [Theory, BothProviders]
    public async Task Anonymous_is_401_a_plain_user_403_a_dashboard_user_and_a_core_admin_200(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider);
        await using var _ = app;
        var admin = await app.SignInAsync();
        await app.CreateUserAsync(admin.AccessToken, "plain", "plain-user-password-1");
        var plain = await app.SignInAsync("plain", "plain-user-password-1");
        var dashboard = await app.DashboardTokenAsync();

        foreach (var path in new[] { "/api/triage/audit", "/api/triage/dead-letters", "/api/triage/dashboard/me", "/api/triage/dashboard/users", "/api/triage/accounts", "/api/triage/health", "/api/triage/settings" })
        {
            using var anonymous = await app.SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using var user = await app.SendAsync(HttpMethod.Get, path, plain.AccessToken);
            Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
            using var byAdmin = await app.SendAsync(HttpMethod.Get, path, admin.AccessToken);
            Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
            using var byDashboard = await app.SendAsync(HttpMethod.Get, path, dashboard);
            Assert.Equal(HttpStatusCode.OK, byDashboard.StatusCode);
        }

        using var me = await app.SendAsync(HttpMethod.Get, "/api/triage/dashboard/me", dashboard);
        var json = await me.JsonAsync();
        Assert.Equal(("dashboard_user", TriageApiClient.Username), (json.Str("kind"), json.Str("username")));
        using var adminMe = await app.SendAsync(HttpMethod.Get, "/api/triage/dashboard/me", admin.AccessToken);
        Assert.Equal("parley_user", (await adminMe.JsonAsync()).Str("kind"));

        // A dashboard session reaches nothing of Core's.
        using var core = await app.SendAsync(HttpMethod.Get, "/api/admin/audit", dashboard);
        Assert.Equal(HttpStatusCode.Forbidden, core.StatusCode);
    }

    [Theory, BothProviders]
    public async Task An_expired_session_and_a_signed_out_one_are_401(string provider)
    {
        var (app, clock) = await TriageTestApp.StartAsync(provider, new Dictionary<string, string?> { ["Triage:dashboard:session_ttl"] = "1h" });
        await using var _ = app;
        var token = await app.DashboardTokenAsync();
        using (var ok = await app.SendAsync(HttpMethod.Get, "/api/triage/dashboard/me", token))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        clock.Advance(TimeSpan.FromMinutes(61));
        using (var expired = await app.SendAsync(HttpMethod.Get, "/api/triage/dashboard/me", token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        }

        using var signIn = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/sign-in", body: new { username = TriageApiClient.Username, password = TriageApiClient.Password });
        var second = (await signIn.JsonAsync()).Str("token");
        Assert.StartsWith("tds_", second);
        using (var signOut = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/sign-out", second))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }
        using var after = await app.SendAsync(HttpMethod.Get, "/api/triage/dashboard/me", second);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_wrong_password_and_an_unknown_name_get_the_same_refusal(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider);
        await using var _ = app;
        await app.DashboardTokenAsync();

        using var wrongPassword = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/sign-in", body: new { username = TriageApiClient.Username, password = "not-the-password" });
        using var unknownName = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/sign-in", body: new { username = "nobody", password = TriageApiClient.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownName.StatusCode);
        var a = await wrongPassword.JsonAsync();
        var b = await unknownName.JsonAsync();
        Assert.Equal(("invalid_credentials", a.Str("detail")), (b.Str("code"), b.Str("detail")));
        Assert.DoesNotContain("token", a.ToString(), StringComparison.Ordinal);
    }

    [Theory, BothProviders]
    public async Task First_run_setup_creates_the_first_user_once(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider);
        await using var _ = app;

        using (var status = await app.SendAsync(HttpMethod.Get, "/api/triage/dashboard/setup"))
        {
            Assert.True((await status.JsonAsync()).GetProperty("needs_setup").GetBoolean());
        }
        using var setup = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/setup", body: new { username = "first", password = "first-password-1" });
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var token = (await setup.JsonAsync()).Str("token");

        using var again = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/setup", body: new { username = "second", password = "second-password-1" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("setup_done", await again.ProblemCodeAsync());

        // Further users are created by a signed-in dashboard user (or a Parley admin).
        using var created = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/users", token, new { username = "second", password = "second-password-1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var anonymousCreate = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/users", body: new { username = "third", password = "third-password-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousCreate.StatusCode);
        using var shortPassword = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/users", token, new { username = "fourth", password = "short" });
        Assert.Equal("validation_failed", await shortPassword.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Of_setups_racing_on_an_empty_dashboard_exactly_one_creates_a_user(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider, new Dictionary<string, string?> { ["Http:AuthRequestsPerMinute"] = "100" });
        await using var _ = app;

        // Each request passes the "no user yet" check before any has inserted (bcrypt takes long enough to be sure).
        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/setup", body: new { username = $"first{i}", password = "first-password-1" })));

        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
                Assert.Equal("setup_done", await refused.ProblemCodeAsync());
            }
            Assert.Equal(1, await app.WithDbAsync(db => db.DashboardUsers.CountAsync()));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_ip()
    {
        var (app, _) = await TriageTestApp.StartAsync("sqlite", new Dictionary<string, string?> { ["Http:AuthRequestsPerMinute"] = "3" });
        await using var _ = app;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/sign-in", body: new { username = "nobody", password = "wrong-password" });
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }
}
