namespace Parley.Mail.Smtp;

/// <summary>One mail transaction (MAIL, RCPTs, DATA) of a session: what RSET, EHLO and a finished DATA clear.</summary>
internal sealed class SmtpTransaction(SmtpPath sender)
{
    public SmtpPath Sender { get; } = sender;

    /// <summary>Every accepted RCPT address, lower-cased, in order, once each.</summary>
    public List<string> Recipients { get; } = [];

    /// <summary>The inboxes the local recipients resolved to.</summary>
    public List<Guid> InboxIds { get; } = [];

    /// <summary>Accepted recipients outside Parley's domains (authenticated submission).</summary>
    public List<string> External { get; } = [];

    /// <summary>MAIL FROM carried SMTPUTF8: addresses may be UTF-8.</summary>
    public bool Utf8 => Sender.Parameters.ContainsKey("SMTPUTF8");
}
