using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Parley.Core.Jobs;

/// <summary>The job runner: the <c>Jobs</c> configuration section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>False makes this node serve requests only; other nodes run the jobs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs this node runs at once, across every module.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 4;

    /// <summary>How often an idle runner looks for due jobs; jobs enqueued on this node wake it at once.</summary>
    [Range(10, 600_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>How long a claimed job belongs to its node; a job whose node died is taken again after it.</summary>
    [Range(5, 86_400)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Delay before the first retry of a failed job; it doubles with every attempt.</summary>
    [Range(1, 86_400)]
    public int RetryBaseSeconds { get; set; } = 5;

    /// <summary>Longest delay between retries.</summary>
    [Range(1, 604_800)]
    public int RetryMaxSeconds { get; set; } = 3600;

    /// <summary>Succeeded and dead jobs, and finished webhook deliveries, are deleted this many days after they finished.</summary>
    [Range(1, 3650)]
    public int KeepCompletedDays { get; set; } = 7;
}

internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options) =>
        options.RetryMaxSeconds < options.RetryBaseSeconds
            ? ValidateOptionsResult.Fail("Jobs:RetryMaxSeconds: must not be less than Jobs:RetryBaseSeconds")
            : ValidateOptionsResult.Success;
}
