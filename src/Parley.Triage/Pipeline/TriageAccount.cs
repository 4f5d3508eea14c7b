using Parley.Triage.Classification;
using Parley.Triage.Imap;

namespace Parley.Triage.Pipeline;

/// <summary>
/// One configured account as the pipeline runs it: how to reach and watch it (<see cref="Imap"/>), how to decide
/// (<see cref="Classifier"/>), and the pipeline's own limits. <see cref="Fingerprint"/> is the configuration it was
/// built from, so a reload restarts only the accounts whose configuration changed.
/// </summary>
internal sealed record TriageAccount(
    ImapAccount Imap,
    ClassifierSettings Classifier,
    int ConcurrencyLimit,
    bool AddProcessingHeaders,
    string Fingerprint,
    Configuration.ForwardOptions Forward)
{
    public string Name => Imap.Name;
}
