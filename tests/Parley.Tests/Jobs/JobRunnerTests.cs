using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Core.Jobs;
using Parley.Core.Storage;
using Parley.Core.Webhooks;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Jobs;

public sealed class JobRunnerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory, BothProviders]
    public async Task A_job_scheduled_before_a_restart_runs_after_it(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var recorder = new JobRecorder();
        await using var app = await TestApp.StartAsync(provider, customize: WithHandlers(clock, recorder));

        var job = await EnqueueAsync(app, RecordingHandler.JobKind, new NotePayload("after restart"), dueAt: Start.UtcDateTime.AddHours(1));
        await app.RestartAsync();
        clock.Advance(TimeSpan.FromHours(1));

        await Eventually.Until(async () => (await FindAsync(app, job.Id)).State == JobStates.Succeeded);
        Assert.Equal([(job.Id, 1, "after restart")], recorder.Runs);
        Assert.NotNull((await FindAsync(app, job.Id)).CompletedAt);
    }

    [Theory, BothProviders]
    public async Task A_failing_job_is_retried_with_growing_backoff_and_then_is_dead(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var recorder = new JobRecorder();
        await using var app = await TestApp.StartAsync(provider, customize: WithHandlers(clock, recorder));

        var job = await EnqueueAsync(app, FailingHandler.JobKind, new NotePayload("x"), maxAttempts: 3);

        var first = await WaitForAttemptAsync(app, job.Id, 1);
        Assert.Equal(JobStates.Pending, first.State);
        Assert.Equal("System.InvalidOperationException: boom", first.LastError);
        AssertWithin(first.DueAt, clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(5));

        clock.Advance(first.DueAt - clock.GetUtcNow().UtcDateTime);
        var second = await WaitForAttemptAsync(app, job.Id, 2);
        Assert.Equal(JobStates.Pending, second.State);
        AssertWithin(second.DueAt, clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(10));

        clock.Advance(second.DueAt - clock.GetUtcNow().UtcDateTime);
        var third = await WaitForAttemptAsync(app, job.Id, 3);
        Assert.Equal(JobStates.Dead, third.State);
        Assert.NotNull(third.CompletedAt);
        Assert.Equal(3, recorder.Runs.Count);
    }

    [Fact]
    public async Task A_handler_can_choose_its_own_retry_delay()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, customize: WithHandlers(clock, new JobRecorder()));

        var job = await EnqueueAsync(app, RetryLaterHandler.JobKind, new NotePayload("x"));

        var retried = await WaitForAttemptAsync(app, job.Id, 1);
        Assert.Equal(JobStates.Pending, retried.State);
        Assert.Equal(Start.UtcDateTime + RetryLaterHandler.Delay, retried.DueAt);
        Assert.Equal("receiver busy", retried.LastError);
    }

    [Fact]
    public async Task A_job_of_a_kind_no_handler_runs_is_dead_with_an_error()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);

        var job = await EnqueueAsync(app, "nobody.handles.this", new NotePayload("x"));

        await Eventually.Until(async () => (await FindAsync(app, job.Id)).State == JobStates.Dead);
        Assert.Contains("nobody.handles.this", (await FindAsync(app, job.Id)).LastError, StringComparison.Ordinal);
    }

    [Theory, BothProviders]
    public async Task A_running_job_whose_node_died_is_taken_again_once_its_lease_expires(string provider)
    {
        var recorder = new JobRecorder();
        await using var app = await TestApp.StartAsync(provider, customize: WithHandlers(TimeProvider.System, recorder));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var orphan = new Job
        {
            Kind = RecordingHandler.JobKind,
            Payload = """{"note":"orphan"}""",
            State = JobStates.Running,
            Attempts = 1,
            LockedBy = "node-that-died",
            LockedUntil = now.AddSeconds(-1),
            DueAt = now.AddMinutes(-10),
            CreatedAt = now.AddMinutes(-10),
            UpdatedAt = now.AddMinutes(-10),
        };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            db.Jobs.Add(orphan);
            await db.SaveChangesAsync();
        }

        await Eventually.Until(async () => (await FindAsync(app, orphan.Id)).State == JobStates.Succeeded);
        Assert.Equal([(orphan.Id, 2, "orphan")], recorder.Runs);
    }

    [Theory, BothProviders]
    public async Task A_job_is_never_claimed_twice_when_many_runners_race(string provider)
    {
        // The app's own runner stays off: only the racing claimers below take jobs.
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        const int jobCount = 40;
        var ids = new List<Guid>();
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
            for (var i = 0; i < jobCount; i++)
            {
                ids.Add(queue.Enqueue(db, RecordingHandler.JobKind, new NotePayload("race")).Id);
            }
            await db.SaveChangesAsync();
        }

        var claims = new ConcurrentBag<(Guid JobId, string Node)>();
        var claimers = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var node = "racer-" + n;
            while (true)
            {
                await using var scope = app.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
                var job = await JobClaim.NextAsync(db, node, TimeProvider.System.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(5), CancellationToken.None);
                if (job is null)
                {
                    return;
                }
                Assert.Equal(node, job.LockedBy);
                claims.Add((job.Id, node));
            }
        }));
        await Task.WhenAll(claimers);

        // No job went to two racers; the racers may also take a job the server scheduled for itself (a recurring
        // one falling due meanwhile), so ours are compared among the claims, not the claims as a whole.
        Assert.Equal(claims.Count, claims.Select(c => c.JobId).Distinct().Count());
        Assert.Equal(ids.Order(), claims.Select(c => c.JobId).Where(ids.Contains).Order());
        await using var check = app.CreateScope();
        var rows = await check.ServiceProvider.GetRequiredService<CoreDbContext>().Jobs.AsNoTracking().Where(j => j.Kind == RecordingHandler.JobKind).ToListAsync();
        Assert.All(rows, j => Assert.Equal((JobStates.Running, 1), (j.State, j.Attempts)));
        Assert.All(rows, j => Assert.Equal(claims.Single(c => c.JobId == j.Id).Node, j.LockedBy));
    }

    [Fact]
    public async Task Finished_jobs_and_deliveries_are_deleted_after_the_configured_days_and_recent_ones_kept()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, customize: WithHandlers(clock, new JobRecorder()));
        var old = Finished(Start.UtcDateTime.AddDays(-8));
        var recent = Finished(Start.UtcDateTime.AddDays(-1));
        var oldDelivery = new WebhookDelivery { EventType = "x", Payload = "{}", Status = WebhookDeliveryStates.Delivered, CreatedAt = Start.UtcDateTime.AddDays(-8) };
        var recentDelivery = new WebhookDelivery { EventType = "x", Payload = "{}", Status = WebhookDeliveryStates.Failed, CreatedAt = Start.UtcDateTime.AddDays(-1) };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            db.Jobs.AddRange(old, recent);
            db.WebhookDeliveries.AddRange(oldDelivery, recentDelivery);
            await db.SaveChangesAsync();
        }

        clock.Advance(TimeSpan.FromHours(1)); // the hourly cleanup falls due

        await Eventually.Until(async () => (await TryFindAsync(app, old.Id)) is null);
        Assert.NotNull(await TryFindAsync(app, recent.Id));
        await using (var scope = app.CreateScope())
        {
            var deliveries = await scope.ServiceProvider.GetRequiredService<CoreDbContext>().WebhookDeliveries.AsNoTracking().Select(d => d.Id).ToListAsync();
            Assert.Equal([recentDelivery.Id], deliveries);
        }
        // …and, once this run is recorded, the cleanup's next run is scheduled an hour on.
        Job? next = null;
        await Eventually.Until(async () =>
        {
            await using var check = app.CreateScope();
            next = await check.ServiceProvider.GetRequiredService<CoreDbContext>().Jobs.AsNoTracking()
                .SingleOrDefaultAsync(j => j.Kind == "jobs.cleanup" && j.State == JobStates.Pending);
            return next is not null;
        });
        Assert.Equal(Start.UtcDateTime.AddHours(2), next!.DueAt);
    }

    [Fact]
    public async Task A_job_enqueued_on_this_node_runs_without_waiting_for_the_next_poll()
    {
        var recorder = new JobRecorder();
        // A poll a minute away: only the enqueue signal can make the job run within the test's deadline.
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Jobs:PollIntervalMilliseconds"] = "60000" },
            WithHandlers(TimeProvider.System, recorder));

        // Once a first job has run, the runner has polled and gone back to sleep.
        var first = await EnqueueAsync(app, RecordingHandler.JobKind, new NotePayload("first"));
        await Eventually.Until(async () => (await FindAsync(app, first.Id)).State == JobStates.Succeeded);

        var job = await EnqueueAsync(app, RecordingHandler.JobKind, new NotePayload("now"));

        // 15 s: a quarter of the poll, so only the signal can meet it, with room for a loaded CI machine.
        await Eventually.Until(() => recorder.CountOf(job.Id) == 1, TimeSpan.FromSeconds(15), "the enqueue signal runs the job");
    }

    [Fact]
    public async Task No_more_jobs_run_at_once_than_the_configured_concurrency()
    {
        var gate = new JobGate();
        var recorder = new JobRecorder();
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Jobs:Concurrency"] = "2" },
            builder => { WithHandlers(TimeProvider.System, recorder)(builder); builder.Services.AddSingleton(gate); builder.Services.AddJobHandler<GateHandler>(); });

        var jobs = new List<Job>();
        for (var i = 0; i < 5; i++)
        {
            jobs.Add(await EnqueueAsync(app, GateHandler.JobKind, new NotePayload("gate")));
        }
        await Eventually.Until(() => gate.Running == 2);
        gate.Open.SetResult();

        foreach (var job in jobs)
        {
            await Eventually.Until(async () => (await FindAsync(app, job.Id)).State == JobStates.Succeeded);
        }
        Assert.Equal(2, gate.MaxRunning);
    }

    [Theory, BothProviders]
    public async Task A_job_interrupted_by_shutdown_is_handed_back_and_runs_after_the_restart_without_losing_an_attempt(string provider)
    {
        var gate = new JobGate();
        var recorder = new JobRecorder();
        await using var app = await TestApp.StartAsync(provider, customize: builder =>
        {
            WithHandlers(TimeProvider.System, recorder)(builder);
            builder.Services.AddSingleton(gate);
            builder.Services.AddJobHandler<GateHandler>();
        });
        var job = await EnqueueAsync(app, GateHandler.JobKind, new NotePayload("gate"));
        await Eventually.Until(() => gate.Running == 1);

        await app.RestartAsync();
        gate.Open.SetResult();

        await Eventually.Until(async () => (await FindAsync(app, job.Id)).State == JobStates.Succeeded);
        Assert.Equal([1, 1], recorder.Runs.Select(r => r.Attempt));
        Assert.Equal(1, (await FindAsync(app, job.Id)).Attempts);
    }

    internal static Action<WebApplicationBuilder> WithHandlers(TimeProvider clock, JobRecorder recorder) => builder =>
    {
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(recorder);
        builder.Services.AddJobHandler<RecordingHandler>();
        builder.Services.AddJobHandler<FailingHandler>();
        builder.Services.AddJobHandler<RetryLaterHandler>();
    };

    internal static async Task<Job> EnqueueAsync(TestApp app, string kind, object payload, DateTime? dueAt = null, int maxAttempts = 10)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        return await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAndSaveAsync(db, kind, payload, dueAt, maxAttempts);
    }

    internal static async Task<Job> FindAsync(TestApp app, Guid id) =>
        await TryFindAsync(app, id) ?? throw new InvalidOperationException($"Job {id} is gone.");

    private static async Task<Job?> TryFindAsync(TestApp app, Guid id)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id);
    }

    // An attempt is finished once the runner has released the job again.
    private static async Task<Job> WaitForAttemptAsync(TestApp app, Guid id, int attempt)
    {
        Job? job = null;
        await Eventually.Until(async () =>
        {
            job = await FindAsync(app, id);
            return job.Attempts == attempt && job.State != JobStates.Running;
        }, because: $"attempt {attempt} of job {id} to finish");
        return job!;
    }

    // Backoff has ±20% jitter around the nominal delay.
    private static void AssertWithin(DateTime dueAt, DateTime now, TimeSpan nominal)
    {
        var delay = dueAt - now;
        Assert.InRange(delay, nominal * 0.8 - TimeSpan.FromMilliseconds(1), nominal * 1.2 + TimeSpan.FromMilliseconds(1));
    }

    private static Job Finished(DateTime at) => new()
    {
        Kind = RecordingHandler.JobKind,
        State = JobStates.Succeeded,
        Attempts = 1,
        DueAt = at,
        CreatedAt = at,
        UpdatedAt = at,
        CompletedAt = at,
    };
}
