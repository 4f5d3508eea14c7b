namespace Parley.Core.Jobs;

/// <summary>Thrown by a handler to retry its job after <see cref="Delay"/> instead of the default backoff.</summary>
public sealed class JobRetryException : Exception
{
    public JobRetryException(TimeSpan delay, string? reason = null)
        : base(reason ?? "Retry requested by the handler.")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Delay = delay;
    }

    public JobRetryException() : this(TimeSpan.Zero)
    {
    }

    public JobRetryException(string message) : this(TimeSpan.Zero, message)
    {
    }

    public JobRetryException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public TimeSpan Delay { get; }
}
