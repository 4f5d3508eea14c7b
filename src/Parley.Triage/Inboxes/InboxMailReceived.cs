using Parley.Core.Events;
using Parley.Core.Jobs;
using Parley.Mail;
using Parley.Triage.Storage;

namespace Parley.Triage.Inboxes;

/// <summary>
/// Mail's <see cref="EmailReceived"/>: when the inbox is triaged, a durable <see cref="InboxTriageJob"/> is enqueued —
/// never classified here (an LLM call in the event handler would hold up Mail's SMTP answer, and a crash would lose it).
/// </summary>
internal sealed class InboxMailReceived(InboxTriage triage, JobQueue jobs, TriageDbContext db) : IEventHandler<EmailReceived>
{
    public async Task HandleAsync(EmailReceived e, CancellationToken cancellationToken)
    {
        if (await triage.ConfiguredAsync(e.InboxId, cancellationToken) is null)
        {
            return;
        }
        await jobs.EnqueueAndSaveAsync(db, InboxTriageJob.JobKind, new InboxTriageJob.Payload(e.MessageId, e.InboxId), cancellationToken: cancellationToken);
    }
}
