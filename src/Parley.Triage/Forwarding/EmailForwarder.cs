using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Parley.Mail.Inboxes;
using Parley.Mail.Outbound;
using Parley.Triage.Configuration;
using Parley.Triage.Emails;
using MailAddress = Parley.Mail.Messages.MailAddress;

namespace Parley.Triage.Forwarding;

/// <summary>
/// Sends an IMAP account's <c>forward</c> action: inline (<see cref="ForwardText"/>, <c>Fwd:</c> subject,
/// <c>Auto-Submitted: auto-forwarded</c>), from the account's <c>forward.from_inbox</c> through Mail's
/// <see cref="MailSender"/>, or through the <c>forward.smtp</c> relay. Once: a forward in <c>forwarded_messages</c> is
/// not sent again, and the row is written as soon as the send returns (a crash in between is the only way to send twice).
/// </summary>
internal sealed class EmailForwarder(ForwardLedger ledger, InboxDirectory inboxes, MailSender sender, TimeProvider time)
{
    /// <returns>false when this forward was sent before (nothing sent now).</returns>
    public async Task<bool> ForwardAsync(string accountName, string imapUsername, ForwardOptions options, TriageEmail email, string to, CancellationToken cancellationToken)
    {
        to = to.Trim();
        if (await ledger.SentAsync(accountName, email.MessageId, to, cancellationToken))
        {
            return false;
        }
        var subject = ForwardText.Subject(email.Subject);
        var body = ForwardText.Body(email.From, email.Date, email.Subject, email.To, email.TextBody);
        if (!string.IsNullOrWhiteSpace(options.FromInbox))
        {
            await ThroughMailAsync(options.FromInbox, to, subject, body, cancellationToken);
        }
        else if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            await ThroughRelayAsync(options, string.IsNullOrWhiteSpace(options.From) ? imapUsername : options.From, to, subject, body, cancellationToken);
        }
        else
        {
            throw new ForwardException($"forward to {to}: the account has no forward.from_inbox or forward.smtp");
        }
        await ledger.RecordAsync(accountName, email.MessageId, to);
        return true;
    }

    private async Task ThroughMailAsync(string fromInbox, string to, string subject, string body, CancellationToken cancellationToken)
    {
        var inbox = await inboxes.FindByAddressAsync(fromInbox, cancellationToken)
            ?? throw new ForwardException($"forward to {to}: forward.from_inbox {fromInbox} is not a Parley inbox");
        var outcome = await sender.SendAsync(new OutgoingEmail(
            inbox.Id, null, new MailAddress(to, null), subject, body, null, [],
            [new KeyValuePair<string, string>("Auto-Submitted", ForwardText.AutoSubmitted)]), cancellationToken);
        if (!outcome.Sent)
        {
            throw new ForwardException($"forward to {to} was refused: {outcome.Refusal}");
        }
    }

    private async Task ThroughRelayAsync(ForwardOptions options, string from, string to, string subject, string body, CancellationToken cancellationToken)
    {
        var smtp = options.Smtp;
        var message = new MimeMessage { Subject = subject, Date = time.GetUtcNow(), Body = new TextPart("plain") { Text = body } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(message.From.Mailboxes.Single().Domain);
        message.Headers.Add("Auto-Submitted", ForwardText.AutoSubmitted);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.Value.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Tls switch
            {
                Configuration.ImapTlsMode.Tls => SecureSocketOptions.SslOnConnect,
                Configuration.ImapTlsMode.StartTls => SecureSocketOptions.StartTls,
                Configuration.ImapTlsMode.Insecure => SecureSocketOptions.None,
                _ => smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, CancellationToken.None);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new ForwardException($"forward to {to} through {smtp.Host}:{smtp.Port} failed: {e.Message}");
        }
    }
}

/// <summary>A forward could not be sent; the email goes to the dead letter and its retry forwards again.</summary>
internal sealed class ForwardException(string message) : Exception(message);
