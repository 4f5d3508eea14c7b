using Parley.Triage.Actions;
using Parley.Triage.Classification;
using Parley.Triage.Configuration;
using Parley.Triage.Pipeline;

namespace Parley.Triage.Api;

/// <summary>An action as the audit stores it (<c>{type, folder?, flags?, labels?, forward_to?}</c>).</summary>
internal sealed record ActionView(string Type, string? Folder, IReadOnlyList<string>? Flags, IReadOnlyList<string>? Labels, string? ForwardTo)
{
    public static ActionView From(TriageAction a) => new(TriageActionNames.Of(a.Kind), a.Folder, a.Flags, a.Labels, a.ForwardTo);

    public static IReadOnlyList<ActionView> From(IEnumerable<TriageAction> actions) => actions.Select(From).ToList();
}

/// <summary>What the preview and the sandbox share: finding the account and folder a request names in the configuration in force.</summary>
internal static class RequestAccounts
{
    public const string NotFoundCode = "triage_account_not_found";

    /// <summary>The configured account named <paramref name="name"/> (names are unique ignoring case), or null.</summary>
    public static AccountOptions? Find(TriageOptions options, string name) =>
        options.Accounts.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    public static TriageAccount Map(TriageOptions options, AccountOptions account) => TriageAccountMapping.From(options, account);

    /// <summary>
    /// The watched folder a request names (ignoring case; INBOX always so), the first watched one when it names none,
    /// or null when it names a folder the account does not watch — only watched folders are read, as the pipeline does.
    /// </summary>
    public static string? WatchedFolder(TriageAccount account, string? folder)
    {
        var watched = account.Imap.WatchFolders;
        if (string.IsNullOrWhiteSpace(folder))
        {
            return watched.Count > 0 ? watched[0] : "INBOX";
        }
        return watched.FirstOrDefault(w => string.Equals(w, folder.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    public static string[] NotWatched(TriageAccount account) =>
        [$"not a folder the account watches ({string.Join(", ", account.Imap.WatchFolders)})"];
}
