using Parley.Triage.Emails;

namespace Parley.Triage.Pipeline;

/// <summary>
/// TEST SEAM: called between carrying out an email's actions and recording it (audit, processed_messages) — the
/// window the mailbox-safety test injects a crash into. Not registered in production.
/// </summary>
internal interface IProcessingFault
{
    void AfterActions(TriageEmail email);
}
