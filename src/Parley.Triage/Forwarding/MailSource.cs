using Parley.Triage.Configuration;

namespace Parley.Triage.Forwarding;

/// <summary>Where a Triage email is sent from.</summary>
internal abstract record MailSource
{
    /// <summary>A configured route: <c>from_inbox</c> (a Parley inbox by address), else <c>smtp</c> from <c>from</c>.</summary>
    /// <param name="FallbackFrom">The relay's sender when <c>from</c> is empty (an IMAP account's forward: its <c>imap.username</c>).</param>
    public sealed record Route(MailRouteOptions Options, string? FallbackFrom) : MailSource;

    /// <summary>One of Parley's inboxes by id, through Mail: a triaged inbox forwards from itself.</summary>
    public sealed record Inbox(Guid InboxId) : MailSource;
}
