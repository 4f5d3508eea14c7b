using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Parley.Triage.DeadLetters;
using Parley.Triage.Emails;
using Parley.Triage.Imap;
using Parley.Triage.Pipeline;
using Parley.Triage.Tests.Imap;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>The pipeline end to end: the real server, Dovecot, the fake LLM.</summary>
public sealed class PipelineTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    [Theory, BothProviders]
    public async Task A_rule_moves_one_email_the_llm_flags_another_and_a_restart_processes_nothing_twice(string provider)
    {
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server);
        h.Llm.Reply(PipelineHarness.FlagReply());

        await h.AppendAsync("Your invoice 42");
        await h.AppendAsync("Lunch tomorrow?");

        await Eventually.Until(() => h.InFolderAsync("Receipts", "Your invoice 42"), Seconds15, "the rule moves the invoice (seen through IDLE)");
        await Eventually.Until(async () => (await h.MessagesAsync("INBOX")).Any(m => m.Subject == "Lunch tomorrow?" && m.Flags.HasFlag(MessageFlags.Flagged)),
            Seconds15, "the LLM's decision flags the other");
        Assert.Single(h.Llm.Requests); // the rule decided alone
        await Eventually.Until(async () => await h.AuditCountAsync() == 2, Seconds15, "both decisions are audited");
        var audit = await h.App.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.AccountName == h.User).OrderBy(a => a.Id).ToListAsync());
        Assert.Contains("\"type\":\"move\"", audit[0].Actions, StringComparison.Ordinal);
        Assert.Null(audit[0].LlmProvider);
        Assert.Equal("fake", audit[1].LlmProvider);
        Assert.Equal(0.9, audit[1].Confidence);
        Assert.Equal(2, await h.App.WithDbAsync(db => db.ProcessedMessages.CountAsync(p => p.AccountName == h.User)));

        await h.App.RestartAsync();
        await h.WaitConnectedAsync();
        await h.AppendAsync("Second invoice");
        await Eventually.Until(() => h.InFolderAsync("Receipts", "Second invoice"), Seconds15, "the restarted server processes new mail");
        await Eventually.Until(async () => await h.AuditCountAsync() == 3, Seconds15, "the new email is audited");
        Assert.Single(h.Llm.Requests);
        Assert.Equal(3, await h.AuditCountAsync());
        Assert.Single(await h.MessagesAsync("INBOX"));
    }

    [Theory, BothProviders]
    public async Task Dry_run_records_what_would_happen_and_changes_nothing_on_the_server(string provider)
    {
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, s => s["Triage:dry_run"] = "true");

        await h.AppendAsync("Dry invoice");

        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the decision is recorded");
        Assert.False(await h.InFolderAsync("Receipts", "Dry invoice"));
        var inbox = Assert.Single(await h.MessagesAsync("INBOX"));
        Assert.Equal(MessageFlags.None, inbox.Flags & ~MessageFlags.Recent);
        Assert.DoesNotContain("Receipts", await h.Imap.FoldersAsync(h.User, PipelineHarness.Password));
        Assert.Equal(1, await h.App.WithDbAsync(db => db.ProcessedMessages.CountAsync(p => p.AccountName == h.User)));
    }

    [Theory]
    [InlineData("error")]
    [InlineData("malformed")]
    [InlineData("timeout")]
    public async Task An_llm_failure_goes_to_the_dead_letter_untouched_and_a_retry_moves_it_once_the_llm_answers(string failure)
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server);
        switch (failure)
        {
            case "error": h.Llm.Status(500); break;
            case "malformed": h.Llm.Reply("this is not json"); break;
            default: h.Llm.Stall(TimeSpan.FromSeconds(30)); break;
        }

        await h.AppendAsync("Hello there");
        if (failure == "timeout")
        {
            await Eventually.Until(() => !h.Llm.Requests.IsEmpty, Seconds15, "the LLM is asked");
            await Eventually.Until(() => { h.Clock.Advance(TimeSpan.FromSeconds(61)); return h.Runtime.LastProcessingError is not null; },
                Seconds15, "the request times out on the injected clock");
        }
        await Eventually.Until(async () => (await h.DeadLettersAsync()).Count == 1, Seconds15, "the failure is a dead letter");
        var entry = Assert.Single(await h.DeadLettersAsync());
        Assert.Equal(DeadLetterStatus.Pending, entry.RetryStatus);
        Assert.Equal("INBOX", entry.Folder);
        Assert.Equal(0, await h.AuditCountAsync());
        Assert.Single(await h.MessagesAsync("INBOX"));

        h.Llm.Reply("""{"actions":[{"type":"move","folder":"Later"}],"category":"misc","confidence":0.95,"reasoning":"not urgent"}""");
        h.Clock.Advance(TimeSpan.FromMinutes(6));

        await Eventually.Until(async () => (await h.DeadLettersAsync())[0].RetryStatus == DeadLetterStatus.Success, Seconds15, "the retry job succeeds");
        Assert.True(await h.InFolderAsync("Later", "Hello there"));
        Assert.Empty(await h.MessagesAsync("INBOX"));
        Assert.Equal(1, await h.AuditCountAsync());
    }

    private sealed class CrashAfterActions : IProcessingFault
    {
        public int Crashes;

        public void AfterActions(TriageEmail email)
        {
            if (Interlocked.Increment(ref Crashes) == 1)
            {
                throw new InvalidOperationException("simulated crash between move and record");
            }
        }
    }

    [Theory, BothProviders]
    public async Task A_crash_between_move_and_record_never_loses_the_email_and_is_not_an_error_loop(string provider)
    {
        var fault = new CrashAfterActions();
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, services: s => s.AddSingleton<IProcessingFault>(fault));

        await h.AppendAsync("Crashing invoice");

        await Eventually.Until(async () => (await h.DeadLettersAsync()).Count == 1, Seconds15, "the crash is recorded as a dead letter");
        // Moved, not recorded: the email is in the target folder, once, and nowhere else.
        Assert.True(await h.InFolderAsync("Receipts", "Crashing invoice"));
        Assert.Single(await h.MessagesAsync("Receipts"));
        Assert.Empty(await h.MessagesAsync("INBOX"));
        Assert.Equal(0, await h.AuditCountAsync());

        await h.App.RestartAsync();
        await h.WaitConnectedAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(6));

        // The retry finds the UID gone from INBOX and no message with that Message-ID there: done, not failing on.
        await Eventually.Until(async () => (await h.DeadLettersAsync())[0].RetryStatus == DeadLetterStatus.Success, Seconds15, "the retry recognises the email is gone");
        Assert.Single(await h.MessagesAsync("Receipts"));
        Assert.Empty(await h.MessagesAsync("INBOX"));
        Assert.Equal(1, fault.Crashes);
        Assert.Equal(0, h.Runtime.Watchers.Sum(w => w.Failures));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_concurrency_limit_bounds_emails_in_flight_per_account(int limit)
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, s =>
        {
            s["Triage:concurrency_limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s["Triage:accounts:0:folders:watch:0"] = "INBOX";
            s["Triage:accounts:0:folders:watch:1"] = "Other";
        }, folders: ["Other"]);
        h.Llm.Stall(TimeSpan.FromSeconds(1)).Stall(TimeSpan.FromSeconds(1));

        await h.AppendAsync("one", "INBOX");
        await h.AppendAsync("two", "Other");

        await Eventually.Until(async () => (await h.DeadLettersAsync()).Count == 2, Seconds15, "both are processed (the stalled reply is not a decision)");
        Assert.Equal(limit, h.Runtime.MaxInFlight);
    }

    [Fact]
    public async Task The_metrics_show_emails_processed_by_action_and_the_dead_letter_gauge()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server);
        h.Llm.Status(500);
        await h.AppendAsync("Metered invoice");
        await h.AppendAsync("Metered failure");
        await Eventually.Until(async () => (await h.DeadLettersAsync()).Count == 1 && await h.AuditCountAsync() == 1, Seconds15, "both processed");

        var metrics = await h.App.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("parley_triage_emails_processed", metrics, StringComparison.Ordinal);
        Assert.Contains($"action=\"move\"", metrics, StringComparison.Ordinal);
        Assert.Contains("parley_triage_processing_duration", metrics, StringComparison.Ordinal);
        Assert.Contains("parley_triage_dead_letters", metrics, StringComparison.Ordinal);
    }
}
