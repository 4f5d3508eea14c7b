namespace Parley.Mail.Threads;

/// <summary>
/// Parley's thread states (the <c>state</c> column of <c>threads</c>, not in seed 002): where a conversation stands in
/// its inbox. Unlike <c>DELETE /api/mail/threads/{id}</c> (deleted_at), none of them hides the thread: <c>trash</c> is a
/// state a client filters on, not a deletion.
/// </summary>
public static class ThreadStates
{
    public const string Open = "open";
    public const string Archived = "archived";
    public const string Spam = "spam";
    public const string Trash = "trash";

    public static readonly IReadOnlyList<string> All = [Open, Archived, Spam, Trash];

    public static bool IsKnown(string? state) => state is not null && All.Contains(state, StringComparer.Ordinal);
}
