using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Parley.Core.Jobs;
using Parley.Mail.Messages;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports.Email;

/// <summary>
/// <c>modmail.email.receive</c>: one email that reached a support inbox, read through Mail's public
/// <see cref="MessageReader"/>, turned into a member message by <see cref="InboundEmail"/> and handed to the ticket
/// engine (<see cref="MemberMessages"/>), which opens a ticket or adds to the open one. Automatic mail and Parley's
/// own mail are dropped here.
/// </summary>
internal sealed partial class EmailIntakeJob(ModmailDbContext db, MessageReader mail, MemberMessages members, ILogger<EmailIntakeJob> logger) : IJobHandler
{
    public const string JobKind = "modmail.email.receive";

    public sealed record Payload(Guid InboxId, string MessageId);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<Payload>();
        var message = await MemberMessageAsync(payload, cancellationToken);
        if (message is not null)
        {
            await members.ReceiveAsync(message, cancellationToken);
        }
    }

    /// <summary>What the engine is given for <paramref name="payload"/>; null when nothing is (not a support inbox any more, gone, automatic, our own).</summary>
    public async Task<IncomingMemberMessage?> MemberMessageAsync(Payload payload, CancellationToken cancellationToken)
    {
        var support = await db.SupportInboxes.AsNoTracking().FirstOrDefaultAsync(i => i.InboxId == payload.InboxId && i.Enabled, cancellationToken);
        if (support is null)
        {
            return null;
        }
        var email = await mail.FindAsync(payload.MessageId, cancellationToken);
        if (email is null)
        {
            return null;
        }
        if (InboundEmail.SkipReason(email) is { } reason)
        {
            LogSkipped(payload.InboxId, reason);
            return null;
        }
        return InboundEmail.ToMemberMessage(support.DeskId, email);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Support inbox {InboxId}: an email was not turned into a ticket message ({Reason})")]
    private partial void LogSkipped(Guid inboxId, string reason);
}
