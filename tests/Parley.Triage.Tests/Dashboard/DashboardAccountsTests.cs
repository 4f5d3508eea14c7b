using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Tests.Infrastructure;
using Parley.Triage.Dashboard;

namespace Parley.Triage.Tests.Dashboard;

public sealed class DashboardAccountsTests
{
    [Theory, BothProviders]
    public async Task A_user_is_stored_with_a_bcrypt_hash_and_verified_by_password(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider);
        await using var __ = app;

        var (user, refusal) = await app.WithAsync<DashboardAccounts, (DashboardUser?, Refusal?)>(a => a.CreateUserAsync("ops", "a long passphrase"));
        Assert.Null(refusal);
        var stored = await app.WithDbAsync(db => db.DashboardUsers.AsNoTracking().SingleAsync());
        Assert.StartsWith("$2", stored.PasswordHash, StringComparison.Ordinal);
        Assert.DoesNotContain("a long passphrase", stored.PasswordHash, StringComparison.Ordinal);
        Assert.True(BCrypt.Net.BCrypt.Verify("a long passphrase", stored.PasswordHash));

        Assert.Equal(user!.Id, (await app.WithAsync<DashboardAccounts, DashboardUser?>(a => a.VerifyPasswordAsync("ops", "a long passphrase")))?.Id);
        Assert.Null(await app.WithAsync<DashboardAccounts, DashboardUser?>(a => a.VerifyPasswordAsync("ops", "a wrong passphrase")));
        Assert.Null(await app.WithAsync<DashboardAccounts, DashboardUser?>(a => a.VerifyPasswordAsync("nobody", "a long passphrase")));

        var (_, taken) = await app.WithAsync<DashboardAccounts, (DashboardUser?, Refusal?)>(a => a.CreateUserAsync("ops", "another passphrase"));
        Assert.Equal("username_taken", taken?.Code);
        var (_, tooShort) = await app.WithAsync<DashboardAccounts, (DashboardUser?, Refusal?)>(a => a.CreateUserAsync("ops2", "short"));
        Assert.Equal(400, tooShort?.Status);
        var (_, tooLong) = await app.WithAsync<DashboardAccounts, (DashboardUser?, Refusal?)>(a => a.CreateUserAsync("ops3", new string('x', 73)));
        Assert.Equal(400, tooLong?.Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.DashboardUsers.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task A_session_stores_only_its_tokens_hash_and_expires_after_the_session_ttl(string provider)
    {
        var (app, clock) = await TriageTestApp.StartAsync(provider, new Dictionary<string, string?> { ["Triage:dashboard:session_ttl"] = "2h" });
        await using var _ = app;
        var (user, _) = await app.WithAsync<DashboardAccounts, (DashboardUser?, Refusal?)>(a => a.CreateUserAsync("ops", "a long passphrase"));

        var (token, session) = await app.WithAsync<DashboardAccounts, (string, DashboardSession)>(a => a.OpenSessionAsync(user!.Id));
        var stored = await app.WithDbAsync(db => db.DashboardSessions.AsNoTracking().SingleAsync());
        Assert.Equal(SecretHashing.Sha256Hex(token), stored.Id);
        Assert.NotEqual(token, stored.Id);
        Assert.Equal(clock.GetUtcNow().AddHours(2).ToUnixTimeSeconds(), stored.ExpiresAt);
        Assert.Equal(user!.Id, (await app.WithAsync<DashboardAccounts, DashboardUser?>(a => a.UserOfSessionAsync(token)))?.Id);
        Assert.Null(await app.WithAsync<DashboardAccounts, DashboardUser?>(a => a.UserOfSessionAsync(stored.Id)));

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(await app.WithAsync<DashboardAccounts, DashboardUser?>(a => a.UserOfSessionAsync(token)));

        var (second, _) = await app.WithAsync<DashboardAccounts, (string, DashboardSession)>(a => a.OpenSessionAsync(user.Id));
        Assert.Equal(Parley.Core.Security.SecretHashing.Sha256Hex(second), await app.WithAsync<DashboardAccounts, string>(a => a.CloseSessionAsync(second)));
        Assert.Null(await app.WithAsync<DashboardAccounts, DashboardUser?>(a => a.UserOfSessionAsync(second)));
    }
}
