using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using Parley.Core.Accounts;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

public sealed class TotpTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private static async Task<(TestApp App, FakeTimeProvider Clock)> StartAsync(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var app = await TestApp.StartAsync(provider, customize: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        return (app, clock);
    }

    /// <summary>Sets up and enables TOTP for the admin; returns the secret and the backup codes.</summary>
    private static async Task<(byte[] Secret, string[] BackupCodes)> EnableTotpAsync(TestApp app, FakeTimeProvider clock)
    {
        var tokens = await app.SignInAsync();
        using var setup = await app.SendAsync(HttpMethod.Post, "/api/account/totp/setup", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var json = await setup.JsonAsync();
        var secret = Base32Encoding.ToBytes(json.Str("secret"));
        Assert.StartsWith("otpauth://totp/", json.Str("otpauth_uri"), StringComparison.Ordinal);

        var right = TotpCodes.Compute(secret, clock.GetUtcNow());
        using var wrong = await app.SendAsync(HttpMethod.Post, "/api/account/totp/enable", tokens.AccessToken, new { code = right == "000000" ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_totp", await wrong.ProblemCodeAsync());

        using var enable = await app.SendAsync(HttpMethod.Post, "/api/account/totp/enable", tokens.AccessToken, new { code = right });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var codes = (await enable.JsonAsync()).GetProperty("backup_codes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        return (secret, codes);
    }

    private static async Task<string> MfaTokenAsync(TestApp app)
    {
        using var login = await app.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var json = await login.JsonAsync();
        Assert.True(json.GetProperty("mfa_required").GetBoolean());
        Assert.False(json.TryGetProperty("access_token", out _));
        return json.Str("mfa_token");
    }

    private static Task<HttpResponseMessage> SendCodeAsync(TestApp app, string mfaToken, string code) =>
        app.SendAsync(HttpMethod.Post, "/api/auth/login/totp", body: new { mfa_token = mfaToken, code });

    [Theory, BothProviders]
    public async Task Totp_setup_then_enable_makes_sign_in_ask_for_a_code_and_a_backup_code_works_once(string provider)
    {
        var (app, clock) = await StartAsync(provider);
        await using var _ = app;
        var (secret, backupCodes) = await EnableTotpAsync(app, clock);
        Assert.Equal(8, backupCodes.Length);
        Assert.Equal(8, backupCodes.Distinct(StringComparer.Ordinal).Count());

        clock.Advance(Step);
        var mfa = await MfaTokenAsync(app);
        using var signedIn = await SendCodeAsync(app, mfa, TotpCodes.Compute(secret, clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var tokens = Tokens.From(await signedIn.JsonAsync());
        Assert.True(tokens.User.GetProperty("totp_enabled").GetBoolean());

        using var withBackup = await SendCodeAsync(app, await MfaTokenAsync(app), backupCodes[3]);
        Assert.Equal(HttpStatusCode.OK, withBackup.StatusCode);

        using var backupAgain = await SendCodeAsync(app, await MfaTokenAsync(app), backupCodes[3]);
        Assert.Equal(HttpStatusCode.Unauthorized, backupAgain.StatusCode);
        Assert.Equal("invalid_totp", await backupAgain.ProblemCodeAsync());

        using var anotherBackup = await SendCodeAsync(app, await MfaTokenAsync(app), backupCodes[5].ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, anotherBackup.StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_totp_code_cannot_be_replayed(string provider)
    {
        var (app, clock) = await StartAsync(provider);
        await using var _ = app;
        var (secret, _) = await EnableTotpAsync(app, clock);

        // The code that enabled TOTP is spent.
        using var enablingCode = await SendCodeAsync(app, await MfaTokenAsync(app), TotpCodes.Compute(secret, clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Unauthorized, enablingCode.StatusCode);

        clock.Advance(Step);
        var code = TotpCodes.Compute(secret, clock.GetUtcNow());
        using var first = await SendCodeAsync(app, await MfaTokenAsync(app), code);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var replay = await SendCodeAsync(app, await MfaTokenAsync(app), code);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("invalid_totp", await replay.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task A_forged_or_expired_mfa_token_is_refused(string provider)
    {
        var (app, clock) = await StartAsync(provider);
        await using var _ = app;
        var (secret, _) = await EnableTotpAsync(app, clock);
        var mfa = await MfaTokenAsync(app);

        // An MFA token is not an access token.
        using var asAccess = await app.SendAsync(HttpMethod.Get, "/api/account", mfa);
        Assert.Equal(HttpStatusCode.Unauthorized, asAccess.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(6));
        using var expired = await SendCodeAsync(app, mfa, TotpCodes.Compute(secret, clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("invalid_mfa_token", await expired.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Disabling_totp_needs_the_password_and_sign_in_then_skips_the_code(string provider)
    {
        var (app, clock) = await StartAsync(provider);
        await using var _ = app;
        var (secret, _) = await EnableTotpAsync(app, clock);
        clock.Advance(Step);
        using var signedIn = await SendCodeAsync(app, await MfaTokenAsync(app), TotpCodes.Compute(secret, clock.GetUtcNow()));
        var tokens = Tokens.From(await signedIn.JsonAsync());

        using var wrong = await app.SendAsync(HttpMethod.Post, "/api/account/totp/disable", tokens.AccessToken, new { password = "not-the-password" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var disable = await app.SendAsync(HttpMethod.Post, "/api/account/totp/disable", tokens.AccessToken, new { password = TestApp.AdminPassword });
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);

        await app.SignInAsync();
    }
}
