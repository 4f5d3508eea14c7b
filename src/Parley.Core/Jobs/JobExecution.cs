using System.Text.Json;
using Parley.Core.Storage;

namespace Parley.Core.Jobs;

/// <summary>One attempt at a job, as its handler sees it.</summary>
public sealed class JobExecution
{
    internal JobExecution(Job job, string module, ModuleDbContext db)
    {
        Job = job;
        Module = module;
        Db = db;
    }

    /// <summary>The job row as claimed (a snapshot; the runner records the outcome).</summary>
    public Job Job { get; }

    /// <summary>1 on the first attempt.</summary>
    public int Attempt => Job.Attempts;

    /// <summary>The module whose outbox holds the job.</summary>
    public string Module { get; }

    /// <summary>That module's context, from the execution's own scope.</summary>
    public ModuleDbContext Db { get; }

    public T Payload<T>() =>
        JsonSerializer.Deserialize<T>(Job.Payload, JobQueue.PayloadJson)
        ?? throw new JsonException($"Job {Job.Id} ({Job.Kind}) has an empty payload.");
}
