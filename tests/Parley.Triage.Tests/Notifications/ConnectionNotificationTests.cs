using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Core.Webhooks;
using Parley.Tests.Infrastructure;
using Parley.Triage.Pipeline;
using Parley.Triage.Tests.Pipeline;

namespace Parley.Triage.Tests.Notifications;

/// <summary>
/// <c>connection_lost</c> against a real Dovecot that is stopped and started, on the test clock: a reconnect within
/// <c>notifications.connection_lost_after</c> is no alert; a longer outage is one <c>connection_lost</c> (Core event,
/// account webhook, email) and one <c>connection_restored</c>.
/// </summary>
public sealed class ConnectionNotificationTests
{
    [Theory, BothProviders]
    public async Task A_short_outage_is_no_alert_and_a_long_one_is_one_lost_and_one_restored(string provider)
    {
        await using var imap = await TestImapServer.StartAsync();
        using var sink = await TestSmtpSink.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await PipelineHarness.StartAsync(provider, imap, settings =>
        {
            settings["Webhooks:AllowPrivateTargets"] = "true";
            // Ten minutes: the blip below advances the clock while waiting on real reconnects, which must stay well inside it.
            settings["Triage:notifications:connection_lost_after"] = "10m";
            settings["Triage:accounts:0:reconnect_max_delay"] = "2s";
            settings["Triage:accounts:0:notifications:users:0"] = "alice";
            settings["Triage:accounts:0:notifications:events:0"] = "connection_lost";
            settings["Triage:accounts:0:webhooks:0:url"] = new Uri(receiver.BaseUrl, "/account").ToString();
            settings["Triage:accounts:0:webhooks:0:events:0"] = "connection_lost";
            settings["Triage:accounts:0:webhooks:0:events:1"] = "connection_restored";
            settings["Triage:notifications:email:enabled"] = "true";
            settings["Triage:notifications:email:from"] = "triage@parley.test";
            settings["Triage:notifications:email:smtp:host"] = "127.0.0.1";
            settings["Triage:notifications:email:smtp:port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Triage:notifications:email:smtp:tls"] = "insecure";
        });
        await NotificationEmailTests.AddUserAsync(harness.App, "alice", "alice@people.test");
        await SubscribeAsync(harness.App, new Uri(receiver.BaseUrl, "/operators"), "triage.connection_lost", "triage.connection_restored");

        // A blip: down for a few seconds of the clock, well within the grace. The monitor sees the drop (its
        // looks tick on the test clock), then sees the account connected again: that outage ends unreported.
        var monitor = harness.App.Services.GetRequiredService<Parley.Triage.Notifications.ConnectionOutageMonitor>();
        await imap.StopAsync();
        await Eventually.Until(() => !Connected(harness), TimeSpan.FromSeconds(10), "the watcher to notice the drop");
        await AdvanceUntil(harness, () => monitor.DownSince(harness.User) is not null, TimeSpan.FromSeconds(1), "the monitor to see the drop");
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        await imap.StartAgainAsync();
        await AdvanceUntil(harness, () => Connected(harness), TimeSpan.FromMilliseconds(200), "the reconnect");
        await AdvanceUntil(harness, () => monitor.DownSince(harness.User) is null, TimeSpan.FromSeconds(1), "the monitor to see the reconnect");

        // An outage: down past the grace.
        var secondDrop = harness.Clock.GetUtcNow();
        await imap.StopAsync();
        await Eventually.Until(() => !Connected(harness), TimeSpan.FromSeconds(10), "the watcher to notice the drop");
        await AdvanceUntil(harness, () => Received(receiver, "/operators", "triage.connection_lost") >= 1, TimeSpan.FromSeconds(5), "connection_lost after the grace");
        Assert.True(harness.Clock.GetUtcNow() - secondDrop >= TimeSpan.FromMinutes(10), "not before the grace");
        await imap.StartAgainAsync();
        await AdvanceUntil(harness, () => Received(receiver, "/operators", "triage.connection_restored") >= 1
            && Received(receiver, "/account", "connection_restored") >= 1, TimeSpan.FromMilliseconds(200), "connection_restored");
        await Eventually.Until(() => sink.Messages().Count >= 2, TimeSpan.FromSeconds(20), "the lost and restored emails");

        // One outage reported, once, on each channel; the blip not at all.
        Assert.Equal(1, Received(receiver, "/operators", "triage.connection_lost"));
        Assert.Equal(1, Received(receiver, "/account", "connection_lost"));
        Assert.Equal(1, Received(receiver, "/account", "connection_restored"));
        var lost = receiver.Received.Single(r => r.Event == "triage.connection_lost");
        using (var body = JsonDocument.Parse(lost.Body))
        {
            var data = body.RootElement.GetProperty("data");
            Assert.Equal((harness.User, "connection_lost", "alice"),
                (data.GetProperty("account").GetString(), data.GetProperty("event").GetString(), data.GetProperty("users")[0].GetString()));
            Assert.True(data.GetProperty("down_since").GetDateTimeOffset() >= secondDrop, "the outage is the second drop, not the blip");
        }
        var emails = sink.Messages();
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e => Assert.Equal(["alice@people.test"], e.To.Mailboxes.Select(m => m.Address)));
        Assert.Equal([$"[Triage] {harness.User}: IMAP connection lost", $"[Triage] {harness.User}: IMAP connection restored"],
            emails.Select(e => e.Subject).Order(StringComparer.Ordinal));
    }

    private static bool Connected(PipelineHarness harness) =>
        harness.App.Services.GetRequiredService<RunningAccounts>().Find(harness.User) is { Watching: not null } r && r.Watchers.All(w => w.Connected);

    private static int Received(WebhookReceiver receiver, string path, string type) =>
        receiver.Received.Count(r => r.Path == path && r.Event == type);

    /// <summary>Moves the test clock a step at each look until <paramref name="condition"/> holds (reconnect delays and the monitor run on it).</summary>
    private static Task AdvanceUntil(PipelineHarness harness, Func<bool> condition, TimeSpan step, string because) =>
        Eventually.Until(() =>
        {
            if (condition())
            {
                return true;
            }
            harness.Clock.Advance(step);
            return false;
        }, TimeSpan.FromSeconds(30), because);

    internal static async Task SubscribeAsync(TestApp app, Uri url, params string[] events)
    {
        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var keyring = scope.ServiceProvider.GetRequiredService<InstanceKeyring>();
        core.WebhookEndpoints.Add(new WebhookEndpoint
        {
            Url = url.ToString(),
            EventTypes = JsonSerializer.Serialize(events),
            SecretCiphertext = keyring.Encrypt(WebhookTransport.SecretPurpose, Encoding.UTF8.GetBytes(WebhookSigner.NewSecret())),
        });
        await core.SaveChangesAsync();
    }
}
