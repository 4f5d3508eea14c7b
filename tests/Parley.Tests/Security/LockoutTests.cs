using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

public sealed class LockoutTests
{
    [Theory, BothProviders]
    public async Task Five_failures_lock_the_account_across_a_restart_until_the_lock_time_passes(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: builder => builder.Services.AddSingleton<TimeProvider>(clock));

        for (var i = 0; i < 5; i++)
        {
            using var failed = await app.LoginAsync(password: "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await app.LoginAsync();
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Equal("account_locked", await locked.ProblemCodeAsync());
        Assert.Equal(15 * 60, (await locked.JsonAsync()).GetProperty("retry_after_seconds").GetInt32());

        await app.RestartAsync();
        clock.Advance(TimeSpan.FromMinutes(14));
        using var stillLocked = await app.LoginAsync();
        Assert.Equal((HttpStatusCode)423, stillLocked.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var tokens = await app.SignInAsync();

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var actions = await db.AuditLog.Select(e => e.Action).ToListAsync();
        Assert.Equal(5, actions.Count(a => a == "auth.login_failed"));
        Assert.Single(actions, a => a == "auth.locked_out");
        var admin = await db.Users.SingleAsync(u => u.Username == TestApp.AdminUsername);
        Assert.Equal(0, admin.FailedLoginCount);
        Assert.NotNull(tokens.AccessToken);
    }

    [Theory, BothProviders]
    public async Task A_success_resets_the_failure_count(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                using var failed = await app.LoginAsync(password: "wrong-password");
                Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            }
            await app.SignInAsync();
        }
    }

    [Theory, BothProviders]
    public async Task A_disabled_user_cannot_sign_in_and_loses_their_sessions_at_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync();
        var userId = await app.CreateUserAsync(admin.AccessToken, "carol", "carols-long-password");
        var carol = await app.SignInAsync("carol", "carols-long-password");

        using var disable = await app.SendAsync(HttpMethod.Post, $"/api/admin/users/{userId}/disable", admin.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);

        using var access = await app.SendAsync(HttpMethod.Get, "/api/account", carol.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, access.StatusCode);
        using var login = await app.LoginAsync("carol", "carols-long-password");
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Equal("account_disabled", await login.ProblemCodeAsync());

        using var enable = await app.SendAsync(HttpMethod.Post, $"/api/admin/users/{userId}/enable", admin.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, enable.StatusCode);
        await app.SignInAsync("carol", "carols-long-password");
    }

    [Theory, BothProviders]
    public async Task Wrong_totp_codes_count_toward_the_lockout(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var tokens = await app.SignInAsync();
        using var setup = await app.SendAsync(HttpMethod.Post, "/api/account/totp/setup", tokens.AccessToken);
        var secret = Base32Encoding.ToBytes((await setup.JsonAsync()).Str("secret"));
        using var enable = await app.SendAsync(HttpMethod.Post, "/api/account/totp/enable", tokens.AccessToken,
            new { code = Parley.Core.Accounts.TotpCodes.Compute(secret, TimeProvider.System.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);

        for (var i = 0; i < 5; i++)
        {
            using var login = await app.LoginAsync();
            var mfa = (await login.JsonAsync()).Str("mfa_token");
            using var wrong = await app.SendAsync(HttpMethod.Post, "/api/auth/login/totp", body: new { mfa_token = mfa, code = "zzzz-zzzz" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var locked = await app.LoginAsync();
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
    }
}
