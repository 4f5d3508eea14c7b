using Parley.Triage.Configuration;
using Parley.Triage.Emails;

namespace Parley.Triage.Forwarding;

/// <summary>
/// Sends an IMAP account's <c>forward</c> action: inline (<see cref="ForwardText"/>, <c>Fwd:</c> subject,
/// <c>Auto-Submitted: auto-forwarded</c>), from the account's <c>forward.from_inbox</c> through Mail's sender, or
/// through the <c>forward.smtp</c> relay (both by <see cref="TriageMailer"/>). Once: a forward in <c>forwarded_messages</c> is
/// not sent again, and the row is written as soon as the send returns (a crash in between is the only way to send twice).
/// </summary>
internal sealed class EmailForwarder(ForwardLedger ledger, TriageMailer mailer)
{
    private static readonly KeyValuePair<string, string>[] Headers = [new("Auto-Submitted", ForwardText.AutoSubmitted)];

    /// <returns>false when this forward was sent before (nothing sent now).</returns>
    public async Task<bool> ForwardAsync(string accountName, string imapUsername, ForwardOptions options, TriageEmail email, string to, CancellationToken cancellationToken)
    {
        to = to.Trim();
        if (await ledger.SentAsync(accountName, email.MessageId, to, cancellationToken))
        {
            return false;
        }
        if (string.IsNullOrWhiteSpace(options.FromInbox) && string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            throw new ForwardException($"forward to {to}: the account has no forward.from_inbox or forward.smtp");
        }
        try
        {
            await mailer.SendAsync(options, imapUsername, to, ForwardText.Subject(email.Subject),
                ForwardText.Body(email.From, email.Date, email.Subject, email.To, email.TextBody), Headers, $"forward to {to}", cancellationToken);
        }
        catch (TriageMailException e)
        {
            throw new ForwardException(e.Message);
        }
        await ledger.RecordAsync(accountName, email.MessageId, to);
        return true;
    }
}

/// <summary>A forward could not be sent; the email goes to the dead letter and its retry forwards again.</summary>
internal sealed class ForwardException(string message) : Exception(message);
