using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Parley.Triage.Pipeline;
using Parley.Triage.Tests.Imap;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>A configuration change while running: added accounts start, changed ones restart, the others keep running.</summary>
public sealed class LiveConfigurationTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task An_added_account_starts_a_changed_one_restarts_and_an_unchanged_one_keeps_running()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server);
        var running = h.App.Services.GetRequiredService<RunningAccounts>();
        var configuration = (IConfigurationRoot)h.App.Services.GetRequiredService<IConfiguration>();
        var first = h.Runtime;
        var second = "u" + Guid.NewGuid().ToString("N")[..10];
        await dovecot.Server.AddUserAsync(second, PipelineHarness.Password);

        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["name"] = second, ["imap:host"] = "127.0.0.1", ["imap:port"] = dovecot.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["imap:tls"] = "starttls", ["imap:username"] = second, ["imap:password"] = PipelineHarness.Password,
            ["imap:trusted_tls_fingerprints:0"] = dovecot.Server.CertificateSha256, ["folders:mode"] = "auto_create",
        })
        {
            configuration["Triage:accounts:1:" + key] = value;
        }
        configuration.Reload();

        await Eventually.Until(() => running.Find(second) is { Watching: not null } r && r.Watchers.All(w => w.Connected), Seconds15, "the added account starts");
        Assert.Same(first, running.Find(h.User));

        var added = running.Find(second);
        configuration["Triage:accounts:0:dry_run"] = "true";
        configuration.Reload();

        await Eventually.Until(() => running.Find(h.User) is { } r && !ReferenceEquals(r, first) && r.Account.Imap.DryRun, Seconds15, "the changed account restarts");
        Assert.Same(added, running.Find(second));

        await dovecot.Server.AppendAsync(second, PipelineHarness.Password, "INBOX", TestImapServer.Message("invoice for the second"));
        await Eventually.Until(async () => (await dovecot.Server.FoldersAsync(second, PipelineHarness.Password)).Contains("Receipts")
            && (await dovecot.Server.MessagesAsync(second, PipelineHarness.Password, "Receipts")).Count == 1,
            Seconds15, "the added account is processed by the global rules");
    }
}
