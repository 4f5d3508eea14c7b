using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Mail.Messages;
using Parley.Modmail.Blocks;
using Parley.Modmail.Desks;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports.Email;

/// <summary>
/// Recovery over email: for each support inbox of the desk, the mail Mail received after the inbox's
/// <see cref="MailCursor"/> (Mail's <see cref="ReceivedMail"/>, oldest first, a page at a time) goes through the intake
/// job's own reading (<see cref="EmailIntakeJob.MemberMessageAsync"/>: automatic and Parley's own mail dropped) to
/// <see cref="MemberMessages"/>, and the cursor moves past it. As for Chat, up to
/// <see cref="ModmailOptions.RecoveryOverlapSeconds"/> before the cursor is offered again, for senders who are not
/// blocked, without moving it; the engine drops a Message-ID it already recorded.
/// </summary>
internal sealed class EmailRecovery(
    ModmailDbContext db, ReceivedMail received, EmailIntakeJob intake, MemberMessages members, BlockList blocks,
    IOptionsMonitor<ModmailOptions> options, TimeProvider clock) : ITransportRecovery
{
    private const int PageSize = 100;

    public string Name => TransportNames.Email;

    public async Task<int> RecoverAsync(SupportDesk desk, CancellationToken cancellationToken)
    {
        var inboxes = await db.SupportInboxes.AsNoTracking().Where(i => i.DeskId == desk.Id).ToListAsync(cancellationToken);
        var recorded = 0;
        foreach (var inbox in inboxes)
        {
            recorded += await RecoverInboxAsync(inbox, cancellationToken);
        }
        return recorded;
    }

    private async Task<int> RecoverInboxAsync(SupportInbox inbox, CancellationToken cancellationToken)
    {
        var cursor = MailCursor.Of(inbox);
        var overlap = TimeSpan.FromSeconds(options.CurrentValue.RecoveryOverlapSeconds);
        ReceivedMailPosition from = overlap > TimeSpan.Zero ? new ReceivedMailPosition(cursor.ReceivedAt - overlap, "") : cursor;
        var recorded = 0;
        while (true)
        {
            var page = await received.AfterAsync(inbox.InboxId, from, PageSize, cancellationToken);
            foreach (var position in page)
            {
                var past = MailCursor.IsAfter(position, cursor);
                // A disabled support inbox takes nothing in: its mail is passed over, as the handler passes it over.
                var message = inbox.Enabled
                    ? await intake.MemberMessageAsync(new EmailIntakeJob.Payload(inbox.InboxId, position.MessageId), cancellationToken)
                    : null;
                if (message is not null && (past || !await blocks.IsBlockedAsync(message.MemberId, clock.GetUtcNow().UtcDateTime, cancellationToken)))
                {
                    var outcome = await members.ReceiveAsync(message, cancellationToken);
                    if (outcome.Result is MemberMessageResult.Relayed or MemberMessageResult.Opened)
                    {
                        recorded++;
                    }
                }
                if (past)
                {
                    await MailCursor.AdvanceAsync(db, inbox.InboxId, position, cancellationToken);
                }
                from = position;
            }
            if (page.Count < PageSize)
            {
                return recorded;
            }
        }
    }
}
