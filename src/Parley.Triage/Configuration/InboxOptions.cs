using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

/// <summary>
/// One of Parley's own Mail inboxes triaged by the same rules and LLM (an item of <c>inboxes:</c>): named by
/// <see cref="Address"/> or <see cref="InboxId"/>; the classification keys are an account's (same names, same meaning).
/// Actions act on the stored message (labels, thread state), not on an IMAP server.
/// </summary>
public sealed class InboxOptions : ClassificationKeys
{
    /// <summary>The inbox's address (<c>support@example.com</c>, case-insensitive).</summary>
    [ConfigurationKeyName("address")]
    public string? Address { get; set; }

    /// <summary>Or its id, as Mail's API shows it.</summary>
    [ConfigurationKeyName("inbox_id")]
    public Guid? InboxId { get; set; }

    /// <summary>
    /// The <c>account_name</c> of this inbox's rows in processed_messages, audit_log and dead_letter, and the name a
    /// rule's <c>accounts:</c> uses: <c>inbox:</c> and the address (lower-case), else <c>inbox:</c> and the id.
    /// </summary>
    public string AccountName => "inbox:" + (string.IsNullOrWhiteSpace(Address) ? InboxId?.ToString() : Address.Trim().ToLowerInvariant());
}
