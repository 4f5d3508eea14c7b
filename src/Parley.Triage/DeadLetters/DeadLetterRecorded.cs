namespace Parley.Triage.DeadLetters;

/// <summary>
/// An email entered the dead letter (<see cref="DeadLetterStatus.Pending"/>, attempt 1) or ran out of retries
/// (<see cref="DeadLetterStatus.Exhausted"/>), published on Core's event bus by <see cref="DeadLetterQueue"/> after the
/// row is saved — for notifications and account webhooks. Carries the error, never the email.
/// </summary>
public sealed record DeadLetterRecorded(
    long DeadLetterId,
    string MessageId,
    string AccountName,
    string Folder,
    long Uid,
    string Status,
    int Attempts,
    string Error,
    DateTimeOffset At)
{
    public bool Exhausted => Status == DeadLetterStatus.Exhausted;
}
