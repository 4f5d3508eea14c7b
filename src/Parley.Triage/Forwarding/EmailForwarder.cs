using MimeKit;
using Parley.Triage.Emails;

namespace Parley.Triage.Forwarding;

/// <summary>
/// Sends a <c>forward</c> action — of an IMAP account (from its <c>forward.from_inbox</c> or <c>forward.smtp</c>) or of
/// one of Parley's inboxes (from that inbox) — inline (<see cref="ForwardText"/>, <c>Fwd:</c> subject,
/// <c>Auto-Submitted: auto-forwarded</c>) with the original's attachments (<see cref="ForwardAttachments"/>; left out and
/// named in the text when the route will not take them), by <see cref="TriageMailer"/>. Once: a forward in
/// <c>forwarded_messages</c> is not sent again, and the row is written as soon as the send returns (a crash in between is
/// the only way to send twice).
/// </summary>
internal sealed class EmailForwarder(ForwardLedger ledger, TriageMailer mailer)
{
    private static readonly KeyValuePair<string, string>[] Headers = [new("Auto-Submitted", ForwardText.AutoSubmitted)];

    /// <param name="original">
    /// Loads the message as received, whose attachments go along (null: the text alone) — called only when the forward
    /// is to be sent, so a forward sent before costs no fetch of the message.
    /// </param>
    /// <returns>false when this forward was sent before (nothing sent now).</returns>
    public async Task<bool> ForwardAsync(
        MailSource from, TriageEmail email, Func<CancellationToken, Task<MimeMessage?>> original, string to, CancellationToken cancellationToken)
    {
        to = to.Trim();
        if (await ledger.SentAsync(email.AccountName, email.MessageId, to, cancellationToken))
        {
            return false;
        }
        var mail = new TriageMail(to, ForwardText.Subject(email.Subject), ForwardText.Body(email.From, email.Date, email.Subject, email.To, email.TextBody),
            Headers, ForwardAttachments.Of(await original(cancellationToken)));
        try
        {
            await mailer.SendAsync(from, mail, $"forward to {to}", cancellationToken);
        }
        catch (TriageMailException e)
        {
            throw new ForwardException(e.Message);
        }
        await ledger.RecordAsync(email.AccountName, email.MessageId, to);
        return true;
    }
}

/// <summary>A forward could not be sent; the email goes to the dead letter and its retry forwards again.</summary>
internal sealed class ForwardException(string message) : Exception(message);
