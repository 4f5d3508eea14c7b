using Parley.Triage.Emails;

namespace Parley.Triage.Imap;

/// <summary>
/// SEAM: where a watcher hands each new email (the pipeline implements it: processed_messages, classification,
/// actions, audit). The watcher hands a message once per UID within a UIDVALIDITY and advances its stored last UID
/// only after this returns; when it throws, the watcher reconnects and hands the same message again, so an
/// implementation that cannot process an email should record it (dead letter) and return rather than throw.
/// </summary>
public interface ITriageEmailSink
{
    Task HandleAsync(TriageEmail email, CancellationToken cancellationToken);
}
