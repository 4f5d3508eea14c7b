namespace Parley.Mail;

/// <summary>An email was received and stored (committed); Modmail and Triage subscribe on Core's event bus.</summary>
public sealed record EmailReceived(string MessageId, Guid InboxId, Guid ThreadId);

/// <summary>An email sent through Parley was stored and queued for delivery.</summary>
public sealed record EmailSent(string MessageId, Guid InboxId, Guid ThreadId);
