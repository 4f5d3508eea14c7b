using Microsoft.EntityFrameworkCore;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.DeadLetters;
using Parley.Triage.Tests.Imap;
using static Parley.Triage.Tests.Pipeline.ForwardSetup;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>
/// The forward action of an IMAP account, end to end: Dovecot, a rule that forwards, and a real SMTP server (aiosmtpd)
/// receiving it — through the account's <c>forward.smtp</c> relay, or from a Parley inbox through Mail's relay.
/// </summary>
public sealed class ForwardTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    [Theory, BothProviders]
    public async Task A_rule_forwards_through_the_smtp_relay_inline_and_moves_the_email(string provider)
    {
        using var sink = await TestSmtpSink.StartAsync();
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, ForwardingRule(Relay(sink)));

        await h.AppendAsync("Your invoice 42");

        await Eventually.Until(() => h.InFolderAsync("Receipts", "Your invoice 42"), Seconds15, "the rule moves the invoice");
        await Eventually.Until(() => sink.Received().Count == 1, Seconds15, "the relay receives the forward");
        var forward = Assert.Single(sink.Messages());
        Assert.Equal("Fwd: Your invoice 42", forward.Subject);
        Assert.Equal("triage@parley.test", forward.From.Mailboxes.Single().Address);
        Assert.Equal("books@elsewhere.test", forward.To.Mailboxes.Single().Address);
        Assert.Equal("auto-forwarded", forward.Headers["Auto-Submitted"]);
        Assert.Contains("---------- Forwarded message ----------", forward.TextBody, StringComparison.Ordinal);
        Assert.Contains("Subject: Your invoice 42", forward.TextBody, StringComparison.Ordinal);
        Assert.Contains("body of Your invoice 42", forward.TextBody, StringComparison.Ordinal);

        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the decision is audited");
        var audit = await h.App.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync(a => a.AccountName == h.User));
        Assert.Contains("""{"type":"forward","forward_to":"books@elsewhere.test"}""", audit.Actions, StringComparison.Ordinal);
        var row = await h.App.WithDbAsync(db => db.ForwardedMessages.AsNoTracking().SingleAsync());
        Assert.Equal((h.User, "books@elsewhere.test"), (row.AccountName, row.ForwardTo));
    }

    [Fact]
    public async Task A_forward_is_not_sent_again_when_a_later_action_fails_and_the_dead_letter_retries()
    {
        using var sink = await TestSmtpSink.StartAsync();
        // Predefined folders: the move to Receipts (missing) fails after the forward was sent.
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, ForwardingRule(s =>
        {
            Relay(sink)(s);
            s["Triage:accounts:0:folders:mode"] = "predefined";
            // forward first in the decision, so the order of the actions is the one a rule writes
            s["Triage:rules:0:actions:0:type"] = "forward";
            s["Triage:rules:0:actions:0:forward_to"] = "books@elsewhere.test";
            s["Triage:rules:0:actions:0:folder"] = null;
            s["Triage:rules:0:actions:1:type"] = "move";
            s["Triage:rules:0:actions:1:folder"] = "Receipts";
            s["Triage:rules:0:actions:1:forward_to"] = null;
        }));

        await h.AppendAsync("Your invoice 7");
        await Eventually.Until(async () => (await h.DeadLettersAsync()).Count == 1, Seconds15, "the failed move is a dead letter");
        Assert.Single(sink.Received());

        h.Clock.Advance(TimeSpan.FromMinutes(6));
        await Eventually.Until(async () => (await h.DeadLettersAsync())[0].Attempts == 2, Seconds15, "the retry runs (and fails again)");
        Assert.Equal(DeadLetterStatus.Pending, (await h.DeadLettersAsync())[0].RetryStatus);
        Assert.Single(sink.Received());
        Assert.Equal(1, await h.App.WithDbAsync(db => db.ForwardedMessages.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task A_rule_forwards_from_a_parley_inbox_through_mail(string provider)
    {
        using var sink = await TestSmtpSink.StartAsync();
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, ForwardingRule(ThroughMail(sink)));
        await CreateInboxAsync(h.App);

        await h.AppendAsync("Your invoice 9");

        await Eventually.Until(() => sink.Received().Count == 1, TimeSpan.FromSeconds(30), "Mail's relay receives the forward");
        var forward = Assert.Single(sink.Messages());
        Assert.Equal("Fwd: Your invoice 9", forward.Subject);
        Assert.Equal("desk@example.test", forward.From.Mailboxes.Single().Address);
        Assert.Equal("books@elsewhere.test", forward.To.Mailboxes.Single().Address);
        Assert.Contains("body of Your invoice 9", forward.TextBody, StringComparison.Ordinal);
        await Eventually.Until(() => h.InFolderAsync("Receipts", "Your invoice 9"), Seconds15, "the rule moves the invoice too");
    }
}
