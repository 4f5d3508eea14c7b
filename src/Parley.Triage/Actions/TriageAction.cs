namespace Parley.Triage.Actions;

/// <summary>
/// What Triage may do to an email on its IMAP server — Mailpilot's actions (`allowed_actions` names them by
/// <see cref="TriageActionNames"/>). Several may apply to one email, in order. SEAM: the classification part produces
/// them (rules, the LLM's reply), the IMAP part carries them out.
/// </summary>
/// <param name="Folder">move/copy: the target folder (created when missing, if the account allows it).</param>
/// <param name="Flags">flag/unflag: IMAP flags (<c>\Flagged</c>) or keywords (<c>$Important</c>).</param>
/// <param name="Labels">label/unlabel: Gmail labels (X-GM-LABELS) where the server has them, keywords elsewhere.</param>
/// <param name="ForwardTo">forward: the address the email is forwarded to.</param>
public sealed record TriageAction(
    TriageActionKind Kind,
    string? Folder = null,
    IReadOnlyList<string>? Flags = null,
    IReadOnlyList<string>? Labels = null,
    string? ForwardTo = null);

public enum TriageActionKind
{
    /// <summary>Leave the email as it is (still recorded).</summary>
    None,
    Move,
    Copy,
    Flag,
    Unflag,
    Label,
    Unlabel,
    MarkRead,
    MarkUnread,
    /// <summary>Move to the account's archive folder (special-use \Archive, else configured).</summary>
    Archive,
    /// <summary>Move to Trash (special-use \Trash); the only action that may end in an expunge.</summary>
    Delete,
    /// <summary>Move to the Spam/Junk special-use folder, else add the <c>$Junk</c> keyword.</summary>
    Spam,
    Forward,
}

/// <summary>The names actions have in configuration and in the LLM's JSON reply (snake_case).</summary>
public static class TriageActionNames
{
    public static string Of(TriageActionKind kind) => kind switch
    {
        TriageActionKind.MarkRead => "mark_read",
        TriageActionKind.MarkUnread => "mark_unread",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static TriageActionKind? Parse(string name) =>
        Enum.GetValues<TriageActionKind>().Cast<TriageActionKind?>().FirstOrDefault(k => Of(k!.Value) == name.Trim().ToLowerInvariant());
}
