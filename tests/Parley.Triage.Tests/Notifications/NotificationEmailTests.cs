using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Accounts;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;
using Parley.Triage.Tests.Pipeline;

namespace Parley.Triage.Tests.Notifications;

/// <summary>The email channel through a real SMTP relay: an email that fails in the real pipeline (Dovecot) → its users are emailed.</summary>
public sealed class NotificationEmailTests
{
    [Theory, BothProviders]
    public async Task A_dead_letter_is_emailed_to_the_accounts_users_with_an_address_and_carries_no_email_content(string provider)
    {
        await using var imap = await TestImapServer.StartAsync();
        using var sink = await TestSmtpSink.StartAsync();
        await using var harness = await PipelineHarness.StartAsync(provider, imap, settings =>
        {
            // The rule's move into Receipts fails: predefined folders and none of that name → a dead letter.
            settings["Triage:accounts:0:folders:mode"] = "predefined";
            settings["Triage:accounts:0:notifications:users:0"] = "alice";
            settings["Triage:accounts:0:notifications:users:1"] = "Bob";
            settings["Triage:accounts:0:notifications:users:2"] = "nobody";
            settings["Triage:accounts:0:notifications:events:0"] = "dead_letter";
            settings["Triage:notifications:email:enabled"] = "true";
            settings["Triage:notifications:email:from"] = "triage@parley.test";
            settings["Triage:notifications:email:smtp:host"] = "127.0.0.1";
            settings["Triage:notifications:email:smtp:port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Triage:notifications:email:smtp:tls"] = "insecure";
        });
        await AddUserAsync(harness.App, "alice", "alice@people.test");
        await AddUserAsync(harness.App, "bob", null);

        await harness.AppendAsync("invoice 4711 confidential");

        await Eventually.Until(() => sink.Messages().Count >= 1, TimeSpan.FromSeconds(20), "the notification email through the relay");
        var email = Assert.Single(sink.Messages());
        Assert.Equal(["alice@people.test"], email.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("triage@parley.test", email.From.Mailboxes.Single().Address);
        Assert.Equal($"[Triage] {harness.User}: an email could not be processed", email.Subject);
        Assert.Equal("auto-generated", email.Headers["Auto-Submitted"]);
        var text = email.TextBody;
        Assert.Contains("Receipts", text, StringComparison.Ordinal); // the error names the missing folder
        // Neither the triaged email's body nor its subject is in the notification.
        Assert.DoesNotContain("body of", text, StringComparison.Ordinal);
        Assert.DoesNotContain("confidential", text + email.Subject, StringComparison.Ordinal);
    }

    internal static async Task AddUserAsync(TestApp app, string username, string? email)
    {
        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        core.Users.Add(new User { Username = username, Email = email, PasswordHash = "unused" });
        await core.SaveChangesAsync();
    }
}
