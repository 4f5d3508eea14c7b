using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Pipeline;
using Parley.Triage.Tests.Imap;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>Account operations over HTTP as a Core admin: list, pause, resume, process now; authorization on each.</summary>
public sealed class AccountsApiTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    private static async Task<JsonElement> AccountAsync(PipelineHarness h, string token)
    {
        using var response = await h.App.SendAsync(HttpMethod.Get, "/api/triage/accounts", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        return json.GetProperty("accounts").EnumerateArray().Single(a => a.Str("name") == h.User);
    }

    [Theory, BothProviders]
    public async Task An_admin_lists_pauses_and_resumes_an_account_and_mail_that_arrived_meanwhile_is_processed(string provider)
    {
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server);
        var admin = (await h.App.SignInAsync()).AccessToken;

        var account = await AccountAsync(h, admin);
        Assert.True(account.GetProperty("connected").GetBoolean());
        Assert.Equal("idle", account.Str("mode"));
        Assert.False(account.GetProperty("paused").GetBoolean());
        Assert.Equal("INBOX", account.GetProperty("folders")[0].GetString());

        using (var paused = await h.App.SendAsync(HttpMethod.Post, $"/api/triage/accounts/{h.User}/pause", admin))
        {
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
            var json = await paused.JsonAsync();
            Assert.True(json.GetProperty("paused").GetBoolean());
            Assert.False(json.GetProperty("connected").GetBoolean());
        }
        await h.AppendAsync("Invoice while paused");
        Assert.Equal(0, await h.AuditCountAsync());

        using (var resumed = await h.App.SendAsync(HttpMethod.Post, $"/api/triage/accounts/{h.User}/resume", admin))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }
        await Eventually.Until(() => h.InFolderAsync("Receipts", "Invoice while paused"), Seconds15, "resuming processes what arrived meanwhile");
        await Eventually.Until(async () => (await AccountAsync(h, admin)).GetProperty("processed_count").GetInt64() == 1, Seconds15, "the count shows it");
        account = await AccountAsync(h, admin);
        Assert.Equal(JsonValueKind.String, account.GetProperty("last_processed_at").ValueKind);
        Assert.Equal(0, account.GetProperty("dead_letter_count").GetInt64());

        using var health = await h.App.SendAsync(HttpMethod.Get, "/api/triage/health", admin);
        var report = await health.JsonAsync();
        Assert.Equal("ok", report.Str("status"));
        Assert.Equal(1, report.GetProperty("connected").GetInt32());
    }

    [Theory, BothProviders]
    public async Task A_paused_account_stays_paused_after_a_restart_until_it_is_resumed(string provider)
    {
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server);
        var admin = (await h.App.SignInAsync()).AccessToken;
        using (var paused = await h.App.SendAsync(HttpMethod.Post, $"/api/triage/accounts/{h.User}/pause", admin))
        {
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        }
        Assert.Equal(1, await h.App.WithDbAsync(db => db.PausedAccounts.CountAsync()));

        await h.App.RestartAsync();
        await Eventually.Until(() => h.App.Services.GetRequiredService<RunningAccounts>().Find(h.User) is not null, Seconds15, "the account is loaded again");
        Assert.True(h.Runtime.Paused);
        Assert.Null(h.Runtime.Watching); // no watcher: nothing is handed while paused
        var account = await AccountAsync(h, admin);
        Assert.True(account.GetProperty("paused").GetBoolean());
        Assert.False(account.GetProperty("connected").GetBoolean());
        await h.AppendAsync("Invoice across the restart");

        using (var resumed = await h.App.SendAsync(HttpMethod.Post, $"/api/triage/accounts/{h.User}/resume", admin))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }
        await Eventually.Until(() => h.InFolderAsync("Receipts", "Invoice across the restart"), Seconds15, "resumed, it processes what arrived while paused");
        Assert.Equal(0, await h.App.WithDbAsync(db => db.PausedAccounts.CountAsync()));

        await h.App.RestartAsync();
        await h.WaitConnectedAsync(); // resumed is remembered too: the restart starts it watching
        Assert.False(h.Runtime.Paused);
    }

    [Fact]
    public async Task Process_now_looks_for_new_mail_at_once_where_polling_would_wait()
    {
        // No IDLE, and polling on the test clock never comes round: only "process now" can find the email.
        await using var server = await TestImapServer.StartAsync("IMAP4rev1 SASL-IR LITERAL+ ID ENABLE UIDPLUS MOVE NAMESPACE SPECIAL-USE");
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, server);
        var admin = (await h.App.SignInAsync()).AccessToken;
        Assert.Equal("polling", (await AccountAsync(h, admin)).Str("mode"));

        await h.AppendAsync("Invoice found now");
        using var response = await h.App.SendAsync(HttpMethod.Post, $"/api/triage/accounts/{h.User}/process-now", admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.Until(() => h.InFolderAsync("Receipts", "Invoice found now"), Seconds15, "process now handles the new email");
    }

    [Fact]
    public async Task Every_account_endpoint_refuses_anonymous_callers_and_non_admins_and_names_unknown_accounts()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server);
        var admin = (await h.App.SignInAsync()).AccessToken;
        await h.App.CreateUserAsync(admin, "plainuser", "plain-user-password-1");
        var user = (await h.App.SignInAsync("plainuser", "plain-user-password-1")).AccessToken;
        string[] gets = ["/api/triage/accounts", "/api/triage/health"];
        string[] posts = ["pause", "resume", "reconnect", "process-now"];

        foreach (var path in gets)
        {
            using var anonymous = await h.App.SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using var plain = await h.App.SendAsync(HttpMethod.Get, path, user);
            Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
        }
        foreach (var command in posts)
        {
            var path = $"/api/triage/accounts/{h.User}/{command}";
            using var anonymous = await h.App.SendAsync(HttpMethod.Post, path);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using var plain = await h.App.SendAsync(HttpMethod.Post, path, user);
            Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
            using var unknown = await h.App.SendAsync(HttpMethod.Post, $"/api/triage/accounts/nobody/{command}", admin);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("triage_account_not_found", await unknown.ProblemCodeAsync());
        }
        Assert.False((await AccountAsync(h, admin)).GetProperty("paused").GetBoolean());
    }
}
