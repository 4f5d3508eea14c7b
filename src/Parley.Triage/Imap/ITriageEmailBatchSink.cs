using Parley.Triage.Emails;

namespace Parley.Triage.Imap;

/// <summary>
/// SEAM: a sink that takes the messages the watcher fetched together (one folder, oldest first) at once, so it can act
/// on many with one command (the pipeline implements it; tests hand to <see cref="ITriageEmailSink"/> one at a time).
/// It returns how many of <c>emails</c>, from the first, are finished; the watcher saves its place after the last of
/// those, and hands the rest again (after a reconnect, or on the next start) — so an implementation must recognise
/// what it already recorded (processed_messages) and stop early, when <c>cancellationToken</c> is cancelled, only in a
/// way a repeat makes harmless.
/// </summary>
public interface ITriageEmailBatchSink : ITriageEmailSink
{
    Task<int> HandleBatchAsync(IReadOnlyList<TriageEmail> emails, CancellationToken cancellationToken);
}
