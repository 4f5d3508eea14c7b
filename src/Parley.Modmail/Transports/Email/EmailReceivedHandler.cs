using Microsoft.EntityFrameworkCore;
using Parley.Core.Events;
using Parley.Core.Jobs;
using Parley.Mail;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Transports.Email;

/// <summary>
/// Mail's <see cref="EmailReceived"/> for an enabled support inbox becomes a <see cref="EmailIntakeJob"/>: the event
/// bus does not retry a failing handler, a job does, and the ticket engine is idempotent on the Message-ID, so the
/// job may run again safely. Mail for other inboxes is not Modmail's business.
/// </summary>
internal sealed class EmailReceivedHandler(ModmailDbContext db, JobQueue jobs) : IEventHandler<EmailReceived>
{
    public async Task HandleAsync(EmailReceived e, CancellationToken cancellationToken)
    {
        var support = await db.SupportInboxes.AsNoTracking().AnyAsync(i => i.InboxId == e.InboxId && i.Enabled, cancellationToken);
        if (!support)
        {
            return;
        }
        await jobs.EnqueueAndSaveAsync(db, EmailIntakeJob.JobKind, new EmailIntakeJob.Payload(e.InboxId, e.MessageId), cancellationToken: cancellationToken);
    }
}
