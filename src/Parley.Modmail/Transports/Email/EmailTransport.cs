using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Mail;
using Parley.Modmail.Staff;
using Parley.Core.Blobs;
using Parley.Mail.Inboxes;
using Parley.Mail.Messages;
using Parley.Mail.Outbound;
using Parley.Modmail.Desks;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports.Email;

/// <summary>Mail refused to send a ticket's email (suppressed address, inbox or domain gone, too large); nothing was sent.</summary>
internal sealed class EmailNotSentException(string reason) : Exception($"The email to the member was not sent: {reason}.");

/// <summary>
/// The member side of email tickets: what staff say goes out through Mail's sending path (<see cref="MailSender"/>)
/// from the support inbox the member wrote to, as a reply to the member's latest message — <c>In-Reply-To</c> that
/// Message-ID, <c>References</c> its chain — so it lands in the member's thread, with the subject <c>Re: &lt;thread
/// subject&gt;</c>. Named replies come From "<c>Alice via Support</c>", anonymous ones and notices from the inbox's
/// display name alone (<see cref="EmailText"/> writes the body). Email cannot be changed once sent: an edit is a
/// correction email, a withdrawal sends nothing.
/// </summary>
internal sealed class EmailTransport(
    ModmailDbContext db, MessageReader mail, InboxDirectory inboxes, MailSender sender, IBlobStore blobs, TicketChannels channels,
    IOptionsMonitor<ModmailOptions> options, IOptions<MailOptions> mailOptions) : IMemberTransport
{
    public string Name => TransportNames.Email;

    public Task<string?> DeliverAsync(MemberDelivery delivery, CancellationToken cancellationToken) =>
        SendAsync(delivery, correction: false, cancellationToken);

    public async Task EditAsync(MemberDelivery delivery, string memberMessageId, CancellationToken cancellationToken) =>
        await SendAsync(delivery, correction: true, cancellationToken);

    /// <summary>An email cannot be taken back: nothing is sent, and the caller tells staff so.</summary>
    public Task<bool> WithdrawAsync(TicketRef ticket, string memberMessageId, CancellationToken cancellationToken) => Task.FromResult(false);

    private async Task<string?> SendAsync(MemberDelivery delivery, bool correction, CancellationToken cancellationToken)
    {
        var ticket = delivery.Ticket;
        var (inbox, parent) = await ReplyPointAsync(ticket, cancellationToken);
        var info = await inboxes.FindAsync(inbox.InboxId, cancellationToken) ?? throw new EmailNotSentException("the support inbox no longer exists in Mail");
        var displayName = inbox.DisplayName ?? info.Name;
        var from = delivery.AuthorName is { Length: > 0 } author ? $"{author} via {displayName}" : displayName;
        var subject = parent is not null && parent.ThreadSubject.Length > 0 ? "Re: " + parent.ThreadSubject : $"Your conversation with {displayName}";

        if (string.IsNullOrWhiteSpace(delivery.Content) && delivery.Kind is MemberDeliveryKind.Welcome or MemberDeliveryKind.Closing)
        {
            var desk = await db.Desks.AsNoTracking().FirstAsync(d => d.Id == ticket.DeskId, cancellationToken);
            delivery = delivery with { Content = delivery.Kind == MemberDeliveryKind.Welcome ? desk.WelcomeMessage : desk.ClosingMessage };
        }
        var headers = new List<KeyValuePair<string, string>> { new(InboundEmail.TicketHeader, ticket.TicketId.ToString()) };
        if (delivery.Kind != MemberDeliveryKind.Reply)
        {
            // RFC 3834: the member's auto-responder should not answer Parley's notices.
            headers.Add(new("Auto-Submitted", "auto-generated"));
        }
        var outcome = await sender.SendAsync(new OutgoingEmail(
            inbox.InboxId, from, new MailAddress(ticket.MemberId, ticket.MemberName), subject, EmailText.Body(delivery, displayName, correction),
            parent?.MessageId, await AttachmentsAsync(delivery, cancellationToken), headers), cancellationToken);
        return outcome.Sent ? outcome.MessageId : throw new EmailNotSentException(outcome.Refusal!);
    }

    /// <summary>
    /// Where a reply goes: the member's latest email in the ticket and the desk's support inbox it reached (else the
    /// desk's first enabled support inbox, and no parent — a ticket staff opened to an address).
    /// </summary>
    private async Task<(SupportInbox Inbox, StoredEmail? Parent)> ReplyPointAsync(TicketRef ticket, CancellationToken cancellationToken)
    {
        var supportInboxes = await db.SupportInboxes.AsNoTracking().Where(i => i.DeskId == ticket.DeskId && i.Enabled)
            .OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
        if (supportInboxes.Count == 0)
        {
            throw new EmailNotSentException("the desk has no enabled support inbox");
        }
        var latest = await db.TicketMessages.AsNoTracking()
            .Where(m => m.ThreadId == ticket.TicketId && m.Kind == TicketMessageKinds.Member && m.DmMessageId != null)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => m.DmMessageId).FirstOrDefaultAsync(cancellationToken);
        var parent = latest is null ? null : await mail.FindAsync(latest, cancellationToken);
        var inbox = parent is null ? null : supportInboxes.FirstOrDefault(i => parent.InboxIds.Contains(i.InboxId));
        return (inbox ?? supportInboxes[0], parent);
    }

    /// <summary>
    /// The reply's files as MIME attachments, within Modmail's limits (<see cref="RelayedFiles"/>) and Mail's message size
    /// (<c>Mail:Outbound:MaxMessageBytes</c>, base64 taking a third more): a file that does not fit, or is gone from
    /// storage, is left out and named to staff in the ticket channel; the rest still goes.
    /// </summary>
    private async Task<List<OutgoingAttachment>> AttachmentsAsync(MemberDelivery delivery, CancellationToken cancellationToken)
    {
        var (relayed, leftOut) = RelayedFiles.Split(delivery.Attachments, options.CurrentValue);
        var notSent = leftOut.ToList();
        var budget = mailOptions.Value.Outbound.MaxMessageBytes * 3 / 4 - MessageOverheadBytes;
        var files = new List<OutgoingAttachment>();
        foreach (var attachment in relayed)
        {
            if (attachment.Size > budget)
            {
                notSent.Add($"{attachment.FileName} (the email would pass Mail's size limit)");
                continue;
            }
            await using var stream = await blobs.OpenReadAsync(attachment.BlobKey, cancellationToken);
            if (stream is null)
            {
                notSent.Add($"{attachment.FileName} (gone from storage)");
                continue;
            }
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            budget -= copy.Length;
            files.Add(new OutgoingAttachment(attachment.FileName, attachment.ContentType, copy.ToArray()));
        }
        if (notSent.Count > 0)
        {
            var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == delivery.Ticket.TicketId, cancellationToken);
            if (ticket is not null)
            {
                await channels.PostNoticeAsync(ticket, $"⚠ Not sent to the member: {string.Join(", ", notSent)}.", [], cancellationToken);
            }
        }
        return files;
    }

    /// <summary>Room for the headers, the text and the MIME framing around the files.</summary>
    private const long MessageOverheadBytes = 64 * 1024;
}
