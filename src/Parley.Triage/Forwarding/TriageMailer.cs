using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Parley.Mail.Inboxes;
using Parley.Mail.Outbound;
using Parley.Triage.Configuration;
using MailAddress = Parley.Mail.Messages.MailAddress;

namespace Parley.Triage.Forwarding;

/// <summary>
/// Sends one plain-text email from Triage — a <c>forward</c> action's (<see cref="EmailForwarder"/>) or a notification's
/// — from a Parley Mail inbox through Mail's <see cref="MailSender"/> (signed, threaded, suppression list, Mail's
/// outbound queue) or through an SMTP relay (MailKit's <see cref="SmtpClient"/>). A send that does not happen throws
/// <see cref="TriageMailException"/> with <c>what</c> ("forward to …") and the reason; credentials never appear.
/// </summary>
internal sealed class TriageMailer(InboxDirectory inboxes, MailSender sender, TimeProvider time)
{
    /// <param name="route">The configured route: <c>from_inbox</c>, else <c>smtp</c> from <c>from</c>.</param>
    /// <param name="fallbackFrom">The relay's sender when <c>from</c> is empty (a forward: the account's IMAP username).</param>
    public async Task SendAsync(
        MailRouteOptions route, string? fallbackFrom, string to, string subject, string body, IReadOnlyList<KeyValuePair<string, string>> headers,
        string what, CancellationToken cancellationToken)
    {
        var from = string.IsNullOrWhiteSpace(route.From) ? fallbackFrom : route.From;
        if (!string.IsNullOrWhiteSpace(route.FromInbox))
        {
            await ThroughMailAsync(route.FromInbox, to, subject, body, headers, what, cancellationToken);
        }
        else if (!string.IsNullOrWhiteSpace(route.Smtp.Host) && !string.IsNullOrWhiteSpace(from))
        {
            await ThroughRelayAsync(route.Smtp, from, to, subject, body, headers, what, cancellationToken);
        }
        else
        {
            throw new TriageMailException($"{what}: no inbox or SMTP relay to send from");
        }
    }

    private async Task ThroughMailAsync(
        string fromInbox, string to, string subject, string body, IReadOnlyList<KeyValuePair<string, string>> headers, string what,
        CancellationToken cancellationToken)
    {
        var inbox = await inboxes.FindByAddressAsync(fromInbox, cancellationToken)
            ?? throw new TriageMailException($"{what}: {fromInbox} is not a Parley inbox");
        var outcome = await sender.SendAsync(new OutgoingEmail(inbox.Id, null, new MailAddress(to, null), subject, body, null, [], headers), cancellationToken);
        if (!outcome.Sent)
        {
            throw new TriageMailException($"{what} was refused: {outcome.Refusal}");
        }
    }

    private async Task ThroughRelayAsync(
        ForwardSmtpOptions smtp, string from, string to, string subject, string body, IReadOnlyList<KeyValuePair<string, string>> headers, string what,
        CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = subject, Date = time.GetUtcNow(), Body = new TextPart("plain") { Text = body } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(message.From.Mailboxes.Single().Domain);
        foreach (var (name, value) in headers)
        {
            message.Headers.Add(name, value);
        }
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.Value.TotalMilliseconds };
        try
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
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, CancellationToken.None);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new TriageMailException($"{what} through {smtp.Host}:{smtp.Port} failed: {e.Message}");
        }
    }
}

/// <summary>An email Triage meant to send was not sent; the caller's retry (dead letter, job) tries again.</summary>
internal sealed class TriageMailException(string message) : Exception(message);
