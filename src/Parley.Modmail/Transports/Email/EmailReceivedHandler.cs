using Microsoft.EntityFrameworkCore;
using Parley.Core.Events;
using Parley.Core.Jobs;
using Parley.Mail;
using Parley.Mail.Messages;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Transports.Email;

/// <summary>
/// Mail's <see cref="EmailReceived"/> for an enabled support inbox becomes a <see cref="EmailIntakeJob"/>: the event
/// bus does not retry a failing handler, a job does, and the ticket engine is idempotent on the Message-ID, so the
/// job may run again safely. Mail for other inboxes is not Modmail's business. Once the job is queued (or the support
/// inbox is disabled) the inbox's <see cref="MailCursor"/> moves past the message; a crash before that leaves it to
/// recovery (<see cref="EmailRecovery"/>).
/// </summary>
internal sealed class EmailReceivedHandler(ModmailDbContext db, JobQueue jobs, ReceivedMail received) : IEventHandler<EmailReceived>
{
    public async Task HandleAsync(EmailReceived e, CancellationToken cancellationToken)
    {
        var support = await db.SupportInboxes.AsNoTracking().FirstOrDefaultAsync(i => i.InboxId == e.InboxId, cancellationToken);
        if (support is null)
        {
            return;
        }
        if (support.Enabled)
        {
            await jobs.EnqueueAndSaveAsync(db, EmailIntakeJob.JobKind, new EmailIntakeJob.Payload(e.InboxId, e.MessageId), cancellationToken: cancellationToken);
        }
        if (await received.PositionAsync(e.MessageId, cancellationToken) is { } position)
        {
            await MailCursor.AdvanceAsync(db, e.InboxId, position, cancellationToken);
        }
    }
}
