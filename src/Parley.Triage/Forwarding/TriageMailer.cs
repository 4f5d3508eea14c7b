using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Mail;
using Parley.Mail.Inboxes;
using Parley.Mail.Outbound;
using Parley.Triage.Configuration;
using MailAddress = Parley.Mail.Messages.MailAddress;

namespace Parley.Triage.Forwarding;

/// <summary>
/// Sends one plain-text email from Triage, with its attachments — a <c>forward</c> action's (<see cref="EmailForwarder"/>)
/// or a notification's — from a Parley Mail inbox through Mail's <see cref="MailSender"/> (signed, threaded, suppression
/// list, Mail's outbound queue) or through an SMTP relay (MailKit's <see cref="SmtpClient"/>). Attachments a route will
/// not take are left out and named in the text (<see cref="TriageMail.Fitting"/>, the ones that fit still go): Mail's
/// <c>Mail:Outbound:MaxMessageBytes</c>, a relay's SIZE or its 552 reply. A send that does not happen throws
/// <see cref="TriageMailException"/> with <c>what</c> ("forward to …") and the reason; credentials never appear.
/// </summary>
internal sealed class TriageMailer(InboxDirectory inboxes, MailSender sender, IOptions<MailOptions> mailOptions, TimeProvider time)
{
    /// <returns>Whether any attachment was left out because the route would not take it.</returns>
    public async Task<bool> SendAsync(MailSource source, TriageMail mail, string what, CancellationToken cancellationToken)
    {
        return source switch
        {
            MailSource.Inbox inbox => await ThroughMailAsync(inbox.InboxId, mail, what, cancellationToken),
            MailSource.Route route => await ThroughRouteAsync(route.Options, route.FallbackFrom, mail, what, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };
    }

    /// <summary><c>from_inbox</c> when set, else the relay from <c>from</c> (or the fallback).</summary>
    private async Task<bool> ThroughRouteAsync(MailRouteOptions route, string? fallbackFrom, TriageMail mail, string what, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(route.FromInbox))
        {
            var inbox = await inboxes.FindByAddressAsync(route.FromInbox, cancellationToken)
                ?? throw new TriageMailException($"{what}: {route.FromInbox} is not a Parley inbox");
            return await ThroughMailAsync(inbox.Id, mail, what, cancellationToken);
        }
        var from = string.IsNullOrWhiteSpace(route.From) ? fallbackFrom : route.From;
        if (!string.IsNullOrWhiteSpace(route.Smtp.Host) && !string.IsNullOrWhiteSpace(from))
        {
            return await ThroughRelayAsync(route.Smtp, from, mail, what, cancellationToken);
        }
        throw new TriageMailException($"{what}: no inbox or SMTP relay to send from");
    }

    private async Task<bool> ThroughMailAsync(Guid inboxId, TriageMail mail, string what, CancellationToken cancellationToken)
    {
        var max = mailOptions.Value.Outbound.MaxMessageBytes;
        var limit = $"the {TriageMail.Megabytes(max)} Parley's Mail sends (Mail:Outbound:MaxMessageBytes)";
        // Files that cannot fit are not even composed and signed.
        var attempt = mail.Fitting(max, limit);
        var outcome = await SendThroughMailAsync(inboxId, attempt, cancellationToken);
        if (!outcome.Sent && attempt.Attachments.Count > 0)
        {
            // The estimate can fall short of the message as composed and signed. Mail refuses before it stores or queues
            // anything, so trying once more without the files is safe; the refusal that stands is the first one when that
            // is refused too (then it was not the size).
            var without = mail.WithoutAttachments(limit);
            var second = await SendThroughMailAsync(inboxId, without, cancellationToken);
            (outcome, attempt) = second.Sent ? (second, without) : (outcome, attempt);
        }
        if (!outcome.Sent)
        {
            throw new TriageMailException($"{what} was refused: {outcome.Refusal}");
        }
        return attempt.Attachments.Count < mail.Attachments.Count;
    }

    private Task<SendOutcome> SendThroughMailAsync(Guid inboxId, TriageMail mail, CancellationToken cancellationToken) =>
        sender.SendAsync(new OutgoingEmail(inboxId, null, new MailAddress(mail.To, null), mail.Subject, mail.Body, null, mail.Attachments, mail.Headers), cancellationToken);

    private async Task<bool> ThroughRelayAsync(ForwardSmtpOptions smtp, string from, TriageMail mail, string what, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.Value.TotalMilliseconds };
        try
        {
            var attempt = mail;
            try
            {
                while (true)
                {
                    try
                    {
                        if (!client.IsConnected)
                        {
                            await ConnectAsync(client, smtp, cancellationToken);
                        }
                        await client.SendAsync(Compose(from, attempt), cancellationToken);
                        return attempt.Attachments.Count < mail.Attachments.Count;
                    }
                    catch (SmtpCommandException e) when (e.StatusCode == SmtpStatusCode.ExceededStorageAllocation && e.ErrorCode != SmtpErrorCode.RecipientNotAccepted
                                                         && attempt.Attachments.Count > 0)
                    {
                        // 552 to MAIL FROM (its SIZE) or after DATA: larger than the relay takes. The same files would be
                        // refused on every retry, so fewer go: those that fit the relay's advertised SIZE, else none — each
                        // pass carries fewer, so this ends. (552 to RCPT TO is a recipient's mailbox: a failure.)
                        var limit = client.MaxSize > 0 ? $"the {TriageMail.Megabytes((long)client.MaxSize)} {smtp.Host} accepts" : $"what {smtp.Host} accepts";
                        var fitting = client.MaxSize > 0 ? mail.Fitting((long)client.MaxSize, limit) : null;
                        attempt = fitting is not null && fitting.Attachments.Count > 0 && fitting.Attachments.Count < attempt.Attachments.Count
                            ? fitting
                            : mail.WithoutAttachments(limit);
                    }
                }
            }
            finally
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(true, CancellationToken.None);
                }
            }
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new TriageMailException($"{what} through {smtp.Host}:{smtp.Port} failed: {e.Message}");
        }
    }

    private static async Task ConnectAsync(SmtpClient client, ForwardSmtpOptions smtp, CancellationToken cancellationToken)
    {
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Tls switch
        {
            ImapTlsMode.Tls => SecureSocketOptions.SslOnConnect,
            ImapTlsMode.StartTls => SecureSocketOptions.StartTls,
            ImapTlsMode.Insecure => SecureSocketOptions.None,
            _ => smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }
    }

    /// <summary>text/plain alone, or multipart/mixed with the attachments after it.</summary>
    private MimeMessage Compose(string from, TriageMail mail)
    {
        var body = new BodyBuilder { TextBody = mail.Body };
        foreach (var attachment in mail.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content,
                ContentType.TryParse(attachment.ContentType, out var type) ? type : new ContentType("application", "octet-stream"));
        }
        var message = new MimeMessage { Subject = mail.Subject, Date = time.GetUtcNow(), Body = body.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(message.From.Mailboxes.Single().Domain);
        foreach (var (name, value) in mail.Headers)
        {
            message.Headers.Add(name, value);
        }
        return message;
    }
}

/// <summary>An email Triage meant to send was not sent; the caller's retry (dead letter, job) tries again.</summary>
internal sealed class TriageMailException(string message) : Exception(message);
