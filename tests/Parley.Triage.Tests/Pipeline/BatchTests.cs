using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Parley.Triage.Emails;
using Parley.Triage.Pipeline;
using Parley.Triage.Tests.Imap;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>
/// A backlog fetched as one batch (the account paused while mail arrives, then resumed): the rule-decided emails are
/// acted on and recorded together, the rest one at a time, and every email still gets its own audit and processed row.
/// </summary>
public sealed class BatchTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    private static async Task AppendWhilePausedAsync(PipelineHarness h, params string[] subjects)
    {
        var watching = h.App.Services.GetRequiredService<TriageWatching>();
        await watching.PauseAsync(h.User);
        foreach (var subject in subjects)
        {
            await h.AppendAsync(subject);
        }
        await watching.ResumeAsync(h.User);
    }

    private static Task<int> ProcessedCountAsync(PipelineHarness h) =>
        h.App.WithDbAsync(db => db.ProcessedMessages.CountAsync(p => p.AccountName == h.User));

    [Theory, BothProviders]
    public async Task A_backlog_of_rule_and_llm_mail_is_each_acted_on_once_and_recorded_once_and_a_restart_repeats_nothing(string provider)
    {
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server);
        h.Llm.Reply(PipelineHarness.FlagReply());

        await AppendWhilePausedAsync(h, "invoice 1", "Lunch tomorrow?", "invoice 2", "invoice 3");

        await Eventually.Until(async () => await ProcessedCountAsync(h) == 4, Seconds15, "all four are processed");
        Assert.Equal(["invoice 1", "invoice 2", "invoice 3"], (await h.MessagesAsync("Receipts")).Select(m => m.Subject).Order());
        var inbox = Assert.Single(await h.MessagesAsync("INBOX"));
        Assert.Equal("Lunch tomorrow?", inbox.Subject);
        Assert.True(inbox.Flags.HasFlag(MessageFlags.Flagged));
        Assert.Single(h.Llm.Requests); // the rules decided the invoices alone
        var audit = await h.App.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.AccountName == h.User).ToListAsync());
        Assert.Equal(["Lunch tomorrow?", "invoice 1", "invoice 2", "invoice 3"], audit.Select(a => a.Subject).Order());
        Assert.Equal(3, audit.Count(a => a.Actions.Contains("\"type\":\"move\"", StringComparison.Ordinal)));

        await h.App.RestartAsync();
        await h.WaitConnectedAsync();
        await h.AppendAsync("invoice 4");
        await Eventually.Until(() => h.InFolderAsync("Receipts", "invoice 4"), Seconds15, "the restarted server processes new mail");
        await Eventually.Until(async () => await h.AuditCountAsync() == 5, Seconds15, "the new email is audited");
        Assert.Single(h.Llm.Requests);
        Assert.Equal(5, await ProcessedCountAsync(h));
        Assert.Empty(await h.DeadLettersAsync());
    }

    [Fact]
    public async Task A_second_email_with_a_message_id_already_in_the_batch_is_not_processed_again()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server);
        var watching = h.App.Services.GetRequiredService<TriageWatching>();
        await watching.PauseAsync(h.User);
        await h.AppendAsync("invoice twice", messageId: "twin@example.test");
        await h.AppendAsync("invoice twice", messageId: "twin@example.test");
        await h.AppendAsync("invoice once");
        await watching.ResumeAsync(h.User);

        await Eventually.Until(async () => await ProcessedCountAsync(h) == 2, Seconds15, "both Message-IDs are processed");
        await Eventually.Until(async () => await h.AuditCountAsync() == 2, Seconds15, "one audit row per Message-ID");
        Assert.Equal(2, (await h.MessagesAsync("Receipts")).Count);
        Assert.Single(await h.MessagesAsync("INBOX")); // the twin stays, as it would one at a time
    }

    private sealed class CrashOnceAfterActions : IProcessingFault
    {
        public int Calls;

        public void AfterActions(TriageEmail email)
        {
            if (Interlocked.Increment(ref Calls) == 1)
            {
                throw new InvalidOperationException("simulated crash between the batch's move and its record");
            }
        }
    }

    [Theory, BothProviders]
    public async Task A_crash_between_a_batch_move_and_its_record_loses_nothing_and_records_each_email_once(string provider)
    {
        var fault = new CrashOnceAfterActions();
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, services: s => s.AddSingleton<IProcessingFault>(fault));

        await AppendWhilePausedAsync(h, "invoice a", "invoice b", "invoice c");

        // The set was moved, then the record failed: one at a time, each is found moved and recorded.
        await Eventually.Until(async () => await ProcessedCountAsync(h) == 3, Seconds15, "all three are recorded");
        Assert.Equal(["invoice a", "invoice b", "invoice c"], (await h.MessagesAsync("Receipts")).Select(m => m.Subject).Order());
        Assert.Empty(await h.MessagesAsync("INBOX"));
        Assert.Equal(3, await h.AuditCountAsync());
        Assert.Empty(await h.DeadLettersAsync());
        Assert.Equal(4, fault.Calls); // once in the batch (the crash), then once per email
    }
}
