namespace Parley.Triage.Pipeline;

/// <summary>What processing one email came to. <see cref="Error"/> is set for <see cref="ProcessingStatus.Failed"/>.</summary>
internal sealed record ProcessingResult(ProcessingStatus Status, string? Error = null)
{
    public static readonly ProcessingResult Done = new(ProcessingStatus.Done);
    public static readonly ProcessingResult AlreadyProcessed = new(ProcessingStatus.AlreadyProcessed);
    public static ProcessingResult Failed(string error) => new(ProcessingStatus.Failed, error);
}

internal enum ProcessingStatus
{
    /// <summary>Classified, acted on (or recorded in dry run), audited, remembered.</summary>
    Done,
    /// <summary>Its Message-ID is in processed_messages for the account: nothing done.</summary>
    AlreadyProcessed,
    /// <summary>Nothing recorded as done; the caller sends it to (or keeps it in) the dead letter.</summary>
    Failed,
}
