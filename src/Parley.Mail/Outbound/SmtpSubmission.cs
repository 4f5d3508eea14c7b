using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Mail.Messages;
using Parley.Mail.Smtp;
using Parley.Mail.Storage;
using Parley.Mail.Suppression;

namespace Parley.Mail.Outbound;

/// <summary>What became of a message submitted over authenticated SMTP: queued (its Message-ID) or refused with an SMTP reply.</summary>
public sealed record SubmissionResult(bool Accepted, string? MessageId, int Code, string EnhancedCode, string Text);

/// <summary>
/// Mail submitted by an authenticated SMTP session for recipients outside Parley's domains: the From address
/// names the sending inbox, which the user must be allowed to send from (<c>mail.messages.send</c>); then it
/// is signed, stored and queued by <see cref="OutboundQueue"/>, exactly as <c>POST /api/mail/send</c> does.
/// </summary>
internal sealed class SmtpSubmission(
    MailDbContext db,
    CoreDbContext core,
    OutboundQueue queue,
    SuppressionList suppressions,
    IOptions<MailOptions> options)
{
    public async Task<SubmissionResult> SubmitAsync(SmtpEnvelope envelope, Stream rawMime, CancellationToken cancellationToken)
    {
        if (envelope.AuthenticatedUser is not { } userId || !await MaySendAsync(userId, cancellationToken))
        {
            return Refused(550, "5.7.1", "You may not send mail through this server.");
        }
        if (envelope.Recipients.Count == 0)
        {
            return Refused(554, "5.5.1", "No valid recipients.");
        }
        if (envelope.Recipients.Count > options.Value.Outbound.MaxRecipients)
        {
            return Refused(452, "4.5.3", $"Too many recipients; at most {options.Value.Outbound.MaxRecipients} per message.");
        }
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(rawMime, cancellationToken);
        }
        catch (FormatException)
        {
            return Refused(554, "5.6.0", "The message could not be parsed.");
        }

        var from = message.From.Mailboxes.FirstOrDefault();
        var sending = from is null ? null : await InboxOfAsync(from.Address, cancellationToken);
        if (sending is null)
        {
            return Refused(550, "5.7.1", $"{from?.Address ?? "(no From)"} is not an inbox of this server you may send from.");
        }
        var suppressed = await suppressions.SuppressedAmongAsync(db, envelope.Recipients, cancellationToken);
        if (suppressed.Count > 0)
        {
            return Refused(550, "5.7.1", $"Recipient address suppressed: {string.Join(", ", suppressed)}");
        }
        if (!string.IsNullOrWhiteSpace(message.MessageId) && await db.Messages.AnyAsync(m => m.MessageId == message.MessageId, cancellationToken))
        {
            return Refused(554, "5.6.0", "A message with this Message-ID was already sent or received.");
        }

        // The stored message lists its blind copies: envelope recipients the headers do not name.
        var named = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var bcc = envelope.Recipients.Where(r => !named.Contains(r.ToLowerInvariant())).Select(r => new MailAddress(r.ToLowerInvariant(), null)).ToList();
        try
        {
            var (stored, _) = await queue.QueueAsync(db, new OutboundDraft(message, sending.Value.Inbox, sending.Value.Domain, envelope.Recipients, bcc, null, "smtp"), cancellationToken);
            return new SubmissionResult(true, stored.MessageId, 250, "2.0.0", $"Queued as {stored.SesMessageId}");
        }
        catch (MessageTooLargeException ex)
        {
            return Refused(552, "5.3.4", ex.Message);
        }
    }

    private async Task<bool> MaySendAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await core.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.IsOwner, u.IsAdmin, u.SuspendedAt }).FirstOrDefaultAsync(cancellationToken);
        if (user is null || user.SuspendedAt is not null)
        {
            return false;
        }
        var role = user.IsOwner ? Core.Accounts.Roles.Owner : user.IsAdmin ? Core.Accounts.Roles.Admin : Core.Accounts.Roles.User;
        return Permissions.ForRole(role).Contains(Permissions.MailMessagesSend);
    }

    /// <summary>The live inbox an address sends from: its own, else its domain's catch-all.</summary>
    private async Task<(Inboxes.Inbox Inbox, Domains.MailDomain Domain)?> InboxOfAsync(string address, CancellationToken cancellationToken)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return null;
        }
        var local = address[..at].ToLowerInvariant();
        var domainName = address[(at + 1)..].ToLowerInvariant();
        var domain = await db.Domains.FirstOrDefaultAsync(d => d.Name == domainName && d.DeletedAt == null, cancellationToken);
        if (domain is null)
        {
            return null;
        }
        var inboxes = await db.Inboxes.Where(i => i.DomainId == domain.Id && i.DeletedAt == null && (i.LocalPart == local || i.IsCatchall)).ToListAsync(cancellationToken);
        var inbox = inboxes.FirstOrDefault(i => i.LocalPart == local) ?? inboxes.FirstOrDefault(i => i.IsCatchall);
        return inbox is null ? null : (inbox, domain);
    }

    private static SubmissionResult Refused(int code, string enhanced, string text) => new(false, null, code, enhanced, text);
}
