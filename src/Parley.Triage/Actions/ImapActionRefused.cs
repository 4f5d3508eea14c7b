namespace Parley.Triage.Actions;

/// <summary>An action the account's settings or the server do not allow (a folder outside <c>folders.allowed</c>, a
/// missing folder under <c>predefined</c>, a move without UIDPLUS). Nothing was changed on the server.</summary>
public sealed class ImapActionRefused(string message) : Exception(message);
