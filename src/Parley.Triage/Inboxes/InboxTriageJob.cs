using Parley.Core.Jobs;
using Parley.Triage.DeadLetters;

namespace Parley.Triage.Inboxes;

/// <summary>
/// A message an inbox received, triaged (Core job <c>triage.inbox.process</c>, enqueued by <see cref="InboxMailReceived"/>).
/// A failed classification or action sends the message to the dead letter in the inbox form (<see cref="InboxDeadLetters"/>),
/// retried there with Triage's backoff; an exception (storage down) is the job's own retry.
/// </summary>
internal sealed class InboxTriageJob(InboxTriage triage, DeadLetterQueue deadLetters) : IJobHandler
{
    public const string JobKind = "triage.inbox.process";

    public sealed record Payload(string MessageId, Guid InboxId);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<Payload>();
        if (await triage.ProcessAsync(payload.MessageId, payload.InboxId, cancellationToken) is InboxTriageResult.Failed failed)
        {
            var configured = await triage.ConfiguredAsync(payload.InboxId, cancellationToken);
            await deadLetters.RecordAsync(payload.MessageId, configured?.AccountName ?? "inbox:" + payload.InboxId,
                InboxDeadLetters.Folder(payload.InboxId), 0, failed.Error, cancellationToken);
        }
    }
}
