using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Tests.Infrastructure;
using Parley.Triage.Configuration;
using Parley.Triage.DeadLetters;

namespace Parley.Triage.Tests.DeadLetters;

/// <summary>The dead letter's state machine (seed 004): pending → retrying → success, pending again, or exhausted; skipped; never deleted.</summary>
public sealed class DeadLetterTests
{
    private static readonly Dictionary<string, string?> Policy = new()
    {
        ["Triage:retry:max_attempts"] = "4",
        ["Triage:retry:initial_delay"] = "5m",
        ["Triage:retry:multiplier"] = "3",
        ["Triage:retry:max_delay"] = "30m",
        ["Triage:retry:jitter"] = "false",
    };

    private static long Unix(DateTimeOffset at) => at.ToUnixTimeSeconds();

    [Theory, BothProviders]
    public async Task Failed_retries_back_off_exponentially_up_to_the_cap_then_exhaust_and_stay(string provider)
    {
        var reprocessor = new ScriptedReprocessor().Then("IMAP down", "LLM down", "bad reply");
        // Retries driven by hand here, step by step; the job must not race them.
        var settings = new Dictionary<string, string?>(Policy) { ["Jobs:Enabled"] = "false" };
        var (app, clock) = await TriageTestApp.StartAsync(provider, settings, s => s.AddSingleton<IDeadLetterReprocessor>(reprocessor));
        await using var _ = app;

        var recorded = await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<m@x>", "work", "INBOX", 42, "connection reset"));
        Assert.Equal((1, DeadLetterStatus.Pending, Unix(clock.GetUtcNow()), (long?)Unix(clock.GetUtcNow().AddMinutes(5)), (long?)null),
            (recorded.Attempts, recorded.RetryStatus, recorded.CreatedAt, recorded.NextRetryAt, recorded.ResolvedAt));

        // Retry 1 fails: attempts 2, next in 5m × 3.
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await app.WithAsync<DeadLetterQueue, bool>(q => q.RetryAsync(recorded.Id)));
        var entry = await LoadAsync(app, recorded.Id);
        Assert.Equal((2, DeadLetterStatus.Pending, "IMAP down", (long?)Unix(clock.GetUtcNow()), (long?)Unix(clock.GetUtcNow().AddMinutes(15))),
            (entry.Attempts, entry.RetryStatus, entry.Error, entry.LastRetryAt, entry.NextRetryAt));
        var item = Assert.Single(reprocessor.Calls);
        Assert.Equal(("<m@x>", "work", "INBOX", 42L, 1), (item.MessageId, item.AccountName, item.Folder, item.Uid, item.Attempts));

        // Retry 2 fails: 5m × 3² = 45m, capped at 30m.
        clock.Advance(TimeSpan.FromMinutes(15));
        await app.WithAsync<DeadLetterQueue, bool>(q => q.RetryAsync(recorded.Id));
        entry = await LoadAsync(app, recorded.Id);
        Assert.Equal((3, DeadLetterStatus.Pending, (long?)Unix(clock.GetUtcNow().AddMinutes(30)), (long?)null), (entry.Attempts, entry.RetryStatus, entry.NextRetryAt, entry.ResolvedAt));

        // Retry 3 fails: the fourth attempt of four, so exhausted — resolved, kept.
        clock.Advance(TimeSpan.FromMinutes(30));
        await app.WithAsync<DeadLetterQueue, bool>(q => q.RetryAsync(recorded.Id));
        entry = await LoadAsync(app, recorded.Id);
        Assert.Equal((4, DeadLetterStatus.Exhausted, "bad reply", (long?)Unix(clock.GetUtcNow()), (long?)null),
            (entry.Attempts, entry.RetryStatus, entry.Error, entry.ResolvedAt, entry.NextRetryAt));

        // An exhausted entry is not retried again by itself.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.False(await app.WithAsync<DeadLetterQueue, bool>(q => q.RetryAsync(recorded.Id)));
        Assert.Empty(await app.WithAsync<DeadLetterQueue, List<long>>(q => q.DueAsync(10)));
        Assert.Equal(3, reprocessor.Calls.Count);
    }

    [Theory, BothProviders]
    public async Task The_job_retries_due_entries_by_itself_marking_them_retrying_then_success(string provider)
    {
        var reprocessor = new ScriptedReprocessor { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) }.Then((string?)null);
        var (app, clock) = await TriageTestApp.StartAsync(provider, Policy, s => s.AddSingleton<IDeadLetterReprocessor>(reprocessor));
        await using var _ = app;
        var due = await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<due@x>", "work", "INBOX", 1, "timeout"));
        clock.Advance(TimeSpan.FromMinutes(2));
        var later = await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<later@x>", "work", "INBOX", 2, "timeout"));

        // 12:35: the first entry is due, the second (12:37) not yet; the minute job picks it up.
        clock.Advance(TimeSpan.FromMinutes(3));
        await Eventually.Until(async () => (await LoadAsync(app, due.Id)).RetryStatus == DeadLetterStatus.Retrying, because: "the job claims the due entry");
        reprocessor.Gate!.SetResult();
        await Eventually.Until(async () => (await LoadAsync(app, due.Id)).RetryStatus == DeadLetterStatus.Success, because: "the retry succeeds");

        var entry = await LoadAsync(app, due.Id);
        Assert.Equal((2, (long?)Unix(clock.GetUtcNow()), (long?)null), (entry.Attempts, entry.ResolvedAt, entry.NextRetryAt));
        Assert.Equal(DeadLetterStatus.Pending, (await LoadAsync(app, later.Id)).RetryStatus);
        Assert.Single(reprocessor.Calls);
    }

    [Theory, BothProviders]
    public async Task An_operator_skips_a_pending_entry_and_retries_an_exhausted_one_now(string provider)
    {
        var reprocessor = new ScriptedReprocessor().Then("still down", (string?)null);
        var settings = new Dictionary<string, string?>(Policy) { ["Triage:retry:max_attempts"] = "2" };
        var (app, clock) = await TriageTestApp.StartAsync(provider, settings, s => s.AddSingleton<IDeadLetterReprocessor>(reprocessor));
        await using var _ = app;
        var skipped = await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<s@x>", "work", "INBOX", 1, "e"));
        var exhausted = await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<e@x>", "work", "INBOX", 2, "e"));

        Assert.Equal(DeadLetterCommandResult.Done, await app.WithAsync<DeadLetterQueue, DeadLetterCommandResult>(q => q.SkipAsync(skipped.Id)));
        var entry = await LoadAsync(app, skipped.Id);
        Assert.Equal((DeadLetterStatus.Skipped, (long?)Unix(clock.GetUtcNow()), (long?)null), (entry.RetryStatus, entry.ResolvedAt, entry.NextRetryAt));
        Assert.Equal(DeadLetterCommandResult.WrongState, await app.WithAsync<DeadLetterQueue, DeadLetterCommandResult>(q => q.SkipAsync(skipped.Id)));
        Assert.Equal(DeadLetterCommandResult.WrongState, await app.WithAsync<DeadLetterQueue, DeadLetterCommandResult>(q => q.RetryNowAsync(skipped.Id)));
        Assert.Equal(DeadLetterCommandResult.NotFound, await app.WithAsync<DeadLetterQueue, DeadLetterCommandResult>(q => q.SkipAsync(999_999)));

        // Retried by hand before it is due, so the minute job does not race this step.
        Assert.True(await app.WithAsync<DeadLetterQueue, bool>(q => q.RetryAsync(exhausted.Id)));
        Assert.Equal(DeadLetterStatus.Exhausted, (await LoadAsync(app, exhausted.Id)).RetryStatus);

        // "Retry now" reopens it and a job runs the retry at once, without moving the clock.
        Assert.Equal(DeadLetterCommandResult.Done, await app.WithAsync<DeadLetterQueue, DeadLetterCommandResult>(q => q.RetryNowAsync(exhausted.Id)));
        await Eventually.Until(async () => (await LoadAsync(app, exhausted.Id)).RetryStatus == DeadLetterStatus.Success, because: "retry now runs on a job");
        entry = await LoadAsync(app, exhausted.Id);
        Assert.Equal((3, (long?)Unix(clock.GetUtcNow())), (entry.Attempts, entry.ResolvedAt));

        // Resolved entries are kept.
        Assert.Equal(2, await app.WithDbAsync(db => db.DeadLetters.CountAsync()));
        Assert.Equal(2, reprocessor.Calls.Count);
    }

    [Theory, BothProviders]
    public async Task A_due_entry_of_an_account_that_is_not_running_fails_its_attempt_and_waits_again(string provider)
    {
        // The pipeline's reprocessor is registered by AddTriage; "work" is not a configured account.
        var (app, clock) = await TriageTestApp.StartAsync(provider, new Dictionary<string, string?>(Policy) { ["Jobs:Enabled"] = "false" });
        await using var _ = app;
        var entry = await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<m@x>", "work", "INBOX", 1, "e"));
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.True(await app.WithAsync<DeadLetterQueue, bool>(q => q.RetryAsync(entry.Id)));
        var after = await LoadAsync(app, entry.Id);
        Assert.Equal((2, DeadLetterStatus.Pending), (after.Attempts, after.RetryStatus));
        Assert.Contains("not configured", after.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Jitter_spreads_each_delay_within_ten_percent_of_the_policy()
    {
        var options = new FixedOptionsMonitor(new TriageOptions());
        var delays = new RetryDelays(options, new Random(7));

        Assert.Equal(TimeSpan.FromMinutes(5), delays.Nominal(1));
        Assert.Equal(TimeSpan.FromMinutes(10), delays.Nominal(2));
        Assert.Equal(TimeSpan.FromMinutes(80), delays.Nominal(5));
        Assert.Equal(TimeSpan.FromHours(24), delays.Nominal(20));
        var samples = Enumerable.Range(0, 200).Select(_ => delays.Next(2)).ToList();
        Assert.All(samples, d => Assert.InRange(d.TotalSeconds, 540, 660));
        Assert.True(samples.Distinct().Count() > 100, "jitter varies the delay");

        options.CurrentValue.Retry.Jitter = false;
        Assert.Equal(TimeSpan.FromMinutes(10), delays.Next(2));
    }

    private static Task<DeadLetter> LoadAsync(TestApp app, long id) =>
        app.WithDbAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.Id == id));
}

/// <summary>One options value as the monitor's current value (a unit test's stand-in for the live configuration).</summary>
internal sealed class FixedOptionsMonitor(TriageOptions value) : IOptionsMonitor<TriageOptions>
{
    public TriageOptions CurrentValue => value;
    public TriageOptions Get(string? name) => value;
    public IDisposable? OnChange(Action<TriageOptions, string?> listener) => null;
}
