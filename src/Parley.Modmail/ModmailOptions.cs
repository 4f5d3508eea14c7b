using System.ComponentModel.DataAnnotations;

namespace Parley.Modmail;

/// <summary>The Modmail module: the <c>Modmail</c> configuration section. Per-desk settings (messages, prefix, mode) live in the database and are edited live.</summary>
public sealed class ModmailOptions
{
    public const string Section = "Modmail";

    /// <summary>Usernames (or user ids) holding every panel permission on every desk, whatever <c>panel_permissions</c> says.</summary>
    public List<string> SuperAdmins { get; set; } = [];

    /// <summary>On start-up, relay member messages that arrived while Parley was down or a transport was disconnected.</summary>
    public bool RecoverOnStart { get; set; } = true;

    /// <summary>
    /// How far before its cursor recovery looks again, in seconds: messages handled at the same moment may finish out of
    /// order, so one still in flight when a later one moved the cursor is picked up (deduplicated; blocked members are
    /// not answered again). 0 reads strictly past the cursor.
    /// </summary>
    [Range(0, 86_400)]
    public int RecoveryOverlapSeconds { get; set; } = 60;

    /// <summary>The longest reply, note or snippet, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>The longest bot status text (<c>status</c> command), in characters.</summary>
    [Range(1, 1000)]
    public int MaxStatusLength { get; set; } = 128;

    /// <summary>How many past tickets <c>logs</c> lists (newest first).</summary>
    [Range(1, 100)]
    public int LogsListLength { get; set; } = 10;

    /// <summary>The most files relayed with one message (either way); further files are named to staff and not relayed.</summary>
    [Range(1, 100)]
    public int MaxFilesPerMessage { get; set; } = 10;

    /// <summary>The largest file relayed (either way: a member's file into the ticket channel, a reply's file to the member), in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxAttachmentBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>
    /// How long a member asked to choose a ticket category (a desk with <c>category_selection</c>) has to answer, in
    /// minutes; then the ticket opens without a category, with the messages they wrote meanwhile.
    /// </summary>
    [Range(1, 10_080)]
    public int CategoryChoiceTimeoutMinutes { get; set; } = 10;
}
