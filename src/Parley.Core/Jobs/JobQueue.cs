using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Storage;

namespace Parley.Core.Jobs;

/// <summary>Puts jobs in a module's outbox.</summary>
public sealed class JobQueue(TimeProvider clock, JobSignal signal)
{
    /// <summary>Job payloads are snake_case JSON, like the API.</summary>
    internal static readonly JsonSerializerOptions PayloadJson = CreatePayloadJson();

    /// <summary>
    /// Adds a job to <paramref name="db"/> without saving: the caller's <c>SaveChanges</c> commits
    /// its own write and the job together, so neither happens without the other.
    /// </summary>
    public Job Enqueue(ModuleDbContext db, string kind, object payload, DateTime? dueAt = null, int maxAttempts = 10)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kind.Length, 128);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new Job
        {
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, payload.GetType(), PayloadJson),
            DueAt = dueAt?.ToUniversalTime() ?? now,
            MaxAttempts = maxAttempts,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Jobs.Add(job);
        WakeRunnerAfterSave(db);
        return job;
    }

    /// <summary><see cref="Enqueue"/> and save at once, for callers with nothing else to commit.</summary>
    public async Task<Job> EnqueueAndSaveAsync(ModuleDbContext db, string kind, object payload, DateTime? dueAt = null, int maxAttempts = 10, CancellationToken cancellationToken = default)
    {
        var job = Enqueue(db, kind, payload, dueAt, maxAttempts);
        await db.SaveChangesAsync(cancellationToken);
        return job;
    }

    // The job is invisible to the runner until it is saved, so the wake-up waits for that.
    private void WakeRunnerAfterSave(DbContext db)
    {
        EventHandler<SavedChangesEventArgs>? handler = null;
        handler = (_, _) =>
        {
            db.SavedChanges -= handler;
            signal.Notify();
        };
        db.SavedChanges += handler;
    }

    private static JsonSerializerOptions CreatePayloadJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HttpRegistration.ConfigureJson(options);
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }
}
