using MailKit;
using MailKit.Net.Imap;
using Parley.Triage.Imap;

namespace Parley.Triage.Actions;

/// <summary>
/// Carries out <see cref="TriageAction"/>s on one message, by UID, on an open connection. Mailbox safety: nothing is
/// ever expunged except the message's own UID — by UID EXPUNGE after a COPY when the server has no MOVE, or by the
/// delete action inside Trash. A plain EXPUNGE (which would remove every \Deleted message of the folder, someone
/// else's too) is never sent. Actions after a relocation apply to the message in its new folder (UIDPLUS gives its
/// new UID). In dry-run nothing is sent but the folder lookups; the outcomes say what would happen.
/// </summary>
public sealed class ImapActions(ImapClient client, ImapAccount account)
{
    public async Task<IReadOnlyList<ImapActionOutcome>> ExecuteAsync(
        string folderName, uint uid, IReadOnlyList<TriageAction> actions, CancellationToken cancellationToken)
    {
        var outcomes = new List<ImapActionOutcome>();
        IMailFolder? folder = await client.GetFolderAsync(folderName, cancellationToken);
        UniqueId? current = new UniqueId(uid);
        foreach (var action in actions)
        {
            if (current is null || folder is null)
            {
                outcomes.Add(new(action, false, "skipped: the message was moved and the server gave no new UID"));
                continue;
            }
            if (action.Kind == TriageActionKind.None)
            {
                outcomes.Add(new(action, false, "left as it is")); // nothing to send: not even a SELECT
                continue;
            }
            // Opened here, when an action needs it, and left open: the next message in the same folder (the common case
            // for a watcher's backlog) needs no SELECT of its own.
            if (!folder.IsOpen || folder.Access != FolderAccess.ReadWrite)
            {
                await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            }
            var (outcome, newFolder, newUid) = await ExecuteOneAsync(folder, current.Value, action, cancellationToken);
            outcomes.Add(outcome);
            (folder, current) = (newFolder, newUid);
        }
        return outcomes;
    }

    /// <summary>Whether <see cref="ExecuteOnAllAsync"/> can carry out <paramref name="actions"/> on a set of messages.</summary>
    public static bool CanExecuteOnAll(IReadOnlyList<TriageAction> actions) =>
        actions.All(a => a.Kind is TriageActionKind.None or TriageActionKind.Copy or TriageActionKind.Flag or TriageActionKind.Unflag
            or TriageActionKind.Label or TriageActionKind.Unlabel or TriageActionKind.MarkRead or TriageActionKind.MarkUnread
            || (a.Kind == TriageActionKind.Move && ReferenceEquals(a, actions[^1])));

    /// <summary>
    /// The same <paramref name="actions"/> on every message of <paramref name="uids"/> in one folder, one UID command per
    /// action for the whole set (STORE, COPY, and a move only as the last action: UID MOVE, else COPY + \Deleted + UID
    /// EXPUNGE of exactly these UIDs). The same checks as one message at a time (folders.allowed, predefined folders,
    /// flag names); only <see cref="CanExecuteOnAll"/> actions, never in dry run. Idempotent to repeat: a flag set again
    /// is harmless and a UID already moved away is no longer in the folder.
    /// </summary>
    public async Task ExecuteOnAllAsync(string folderName, IList<UniqueId> uids, IReadOnlyList<TriageAction> actions, CancellationToken ct)
    {
        if (account.DryRun || !CanExecuteOnAll(actions))
        {
            throw new InvalidOperationException("these actions are carried out one message at a time");
        }
        var folder = await client.GetFolderAsync(folderName, ct);
        foreach (var action in actions.Where(a => a.Kind != TriageActionKind.None))
        {
            if (!folder.IsOpen || folder.Access != FolderAccess.ReadWrite)
            {
                await folder.OpenAsync(FolderAccess.ReadWrite, ct);
            }
            if (action.Kind is TriageActionKind.Move or TriageActionKind.Copy)
            {
                var name = action.Folder ?? throw new ImapActionRefused($"{TriageActionNames.Of(action.Kind)} needs a folder");
                if (account.AllowedFolders.Count > 0 && !account.AllowedFolders.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    throw new ImapActionRefused($"folder {name} is not in folders.allowed");
                }
                var (target, _) = await TargetFolderAsync(name, ct);
                if (action.Kind == TriageActionKind.Copy)
                {
                    await folder.CopyToAsync(uids, target!, ct);
                }
                else if (target!.FullName != folder.FullName)
                {
                    if (client.Capabilities.HasFlag(ImapCapabilities.Move))
                    {
                        await folder.MoveToAsync(uids, target, ct);
                    }
                    else
                    {
                        RequireUidPlus();
                        await folder.CopyToAsync(uids, target, ct);
                        await folder.StoreAsync(uids, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, ct);
                        await folder.ExpungeAsync(uids, ct);
                    }
                }
                continue;
            }
            await StoreAsync(folder, uids, action, ct);
        }
    }

    /// <summary>Flag/unflag, label/unlabel (Gmail labels or keywords), mark read/unread: one UID STORE.</summary>
    private async Task StoreAsync(IMailFolder folder, IList<UniqueId> uids, TriageAction action, CancellationToken ct)
    {
        switch (action.Kind)
        {
            case TriageActionKind.Flag or TriageActionKind.Unflag:
            {
                var (flags, keywords) = FlagsOf(action.Flags ?? []);
                var store = action.Kind == TriageActionKind.Flag ? StoreAction.Add : StoreAction.Remove;
                await folder.StoreAsync(uids, new StoreFlagsRequest(store, flags, keywords) { Silent = true }, ct);
                break;
            }
            case TriageActionKind.Label or TriageActionKind.Unlabel:
            {
                var store = action.Kind == TriageActionKind.Label ? StoreAction.Add : StoreAction.Remove;
                var labels = action.Labels ?? [];
                if (client.Capabilities.HasFlag(ImapCapabilities.GMailExt1))
                {
                    await folder.StoreAsync(uids, new StoreLabelsRequest(store, labels) { Silent = true }, ct);
                }
                else
                {
                    await folder.StoreAsync(uids, new StoreFlagsRequest(store, MessageFlags.None, labels) { Silent = true }, ct);
                }
                break;
            }
            case TriageActionKind.MarkRead or TriageActionKind.MarkUnread:
            {
                var store = action.Kind == TriageActionKind.MarkRead ? StoreAction.Add : StoreAction.Remove;
                await folder.StoreAsync(uids, new StoreFlagsRequest(store, MessageFlags.Seen) { Silent = true }, ct);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "not a STORE action");
        }
    }

    private async Task<(ImapActionOutcome, IMailFolder?, UniqueId?)> ExecuteOneAsync(
        IMailFolder folder, UniqueId uid, TriageAction action, CancellationToken ct)
    {
        var dry = account.DryRun;
        var would = dry ? "would " : "";
        switch (action.Kind)
        {
            case TriageActionKind.None:
                return (new(action, false, "left as it is"), folder, uid);
            case TriageActionKind.Move:
            case TriageActionKind.Copy:
            {
                var name = action.Folder ?? throw new ImapActionRefused($"{TriageActionNames.Of(action.Kind)} needs a folder");
                if (account.AllowedFolders.Count > 0 && !account.AllowedFolders.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    throw new ImapActionRefused($"folder {name} is not in folders.allowed");
                }
                var (target, created) = await TargetFolderAsync(name, ct);
                var note = created ? " (created)" : target is null ? " (would be created)" : "";
                if (action.Kind == TriageActionKind.Copy)
                {
                    if (!dry)
                    {
                        await folder.CopyToAsync(uid, target!, ct);
                    }
                    return (new(action, !dry, $"{would}copy to {name}{note}"), folder, uid);
                }
                return await RelocateAsync(folder, uid, target, name, action, note, ct);
            }
            case TriageActionKind.Flag:
            case TriageActionKind.Unflag:
            {
                var add = action.Kind == TriageActionKind.Flag;
                FlagsOf(action.Flags ?? []); // refused names are refused in dry run too
                if (!dry)
                {
                    await StoreAsync(folder, [uid], action, ct);
                }
                return (new(action, !dry, $"{would}{(add ? "add" : "remove")} {string.Join(' ', action.Flags ?? [])}"), folder, uid);
            }
            case TriageActionKind.Label:
            case TriageActionKind.Unlabel:
            {
                var add = action.Kind == TriageActionKind.Label;
                var gmail = client.Capabilities.HasFlag(ImapCapabilities.GMailExt1);
                if (!dry)
                {
                    await StoreAsync(folder, [uid], action, ct);
                }
                return (new(action, !dry, $"{would}{(add ? "add" : "remove")} {(gmail ? "labels" : "keywords")} {string.Join(' ', action.Labels ?? [])}"), folder, uid);
            }
            case TriageActionKind.MarkRead:
            case TriageActionKind.MarkUnread:
            {
                var read = action.Kind == TriageActionKind.MarkRead;
                if (!dry)
                {
                    await StoreAsync(folder, [uid], action, ct);
                }
                return (new(action, !dry, $"{would}mark {(read ? "read" : "unread")}"), folder, uid);
            }
            case TriageActionKind.Archive:
            {
                var archive = await SpecialFolderAsync(SpecialFolder.Archive, account.ArchiveFolder, ct);
                return await RelocateAsync(folder, uid, archive, account.ArchiveFolder, action, "", ct);
            }
            case TriageActionKind.Delete:
            {
                var trash = await SpecialFolderAsync(SpecialFolder.Trash, account.TrashFolder, ct);
                if (trash is not null && trash.FullName == folder.FullName)
                {
                    // Already in Trash: the one place a delete removes the message for good — its UID only.
                    if (!dry)
                    {
                        await ExpungeOwnUidAsync(folder, uid, ct);
                    }
                    return (new(action, !dry, $"{would}expunge from {folder.FullName}"), null, null);
                }
                return await RelocateAsync(folder, uid, trash, account.TrashFolder, action, "", ct);
            }
            case TriageActionKind.Spam:
            {
                var junk = await SpecialFolderAsync(SpecialFolder.Junk, account.JunkFolder, ct);
                if (junk is not null)
                {
                    return await RelocateAsync(folder, uid, junk, junk.FullName, action, "", ct);
                }
                if (!dry)
                {
                    await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.None, ["$Junk"]) { Silent = true }, ct);
                }
                return (new(action, !dry, $"{would}add $Junk (no Junk folder)"), folder, uid);
            }
            case TriageActionKind.Forward:
                // Sending belongs to Mail (or an SMTP relay): the pipeline forwards; the mailbox is untouched here.
                return (new(action, false, "forward is sent by the pipeline, not on the IMAP server"), folder, uid);
            default:
                throw new ImapActionRefused($"unknown action {action.Kind}");
        }
    }

    /// <summary>Moves the message: UID MOVE, else COPY + \Deleted + UID EXPUNGE of that UID only.</summary>
    private async Task<(ImapActionOutcome, IMailFolder?, UniqueId?)> RelocateAsync(
        IMailFolder folder, UniqueId uid, IMailFolder? target, string name, TriageAction action, string note, CancellationToken ct)
    {
        if (account.DryRun)
        {
            return (new(action, false, $"would move to {name}{note}"), folder, uid);
        }
        if (target is null)
        {
            throw new ImapActionRefused($"folder {name} does not exist");
        }
        if (target.FullName == folder.FullName)
        {
            return (new(action, false, $"already in {name}"), folder, uid);
        }
        UniqueId? moved;
        if (client.Capabilities.HasFlag(ImapCapabilities.Move))
        {
            moved = await folder.MoveToAsync(uid, target, ct);
        }
        else
        {
            RequireUidPlus();
            moved = await folder.CopyToAsync(uid, target, ct);
            await ExpungeOwnUidAsync(folder, uid, ct);
        }
        // The target is not selected here: an action after the move selects it (ExecuteAsync), and the source folder
        // stays selected for the next message instead of being selected again.
        return (new(action, true, $"moved to {target.FullName}{note}"), moved is null ? null : target, moved);
    }

    /// <summary>\Deleted on this UID, then UID EXPUNGE of it alone: other \Deleted messages in the folder stay.</summary>
    private async Task ExpungeOwnUidAsync(IMailFolder folder, UniqueId uid, CancellationToken ct)
    {
        RequireUidPlus();
        await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, ct);
        await folder.ExpungeAsync([uid], ct);
    }

    private void RequireUidPlus()
    {
        // Without UIDPLUS only a plain EXPUNGE exists, which would take every \Deleted message with it.
        if (!client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
        {
            throw new ImapActionRefused("the server has neither MOVE nor UIDPLUS: a message cannot be removed from its folder safely");
        }
    }

    private async Task<IMailFolder?> SpecialFolderAsync(SpecialFolder use, string fallback, CancellationToken ct)
    {
        if (client.Capabilities.HasFlag(ImapCapabilities.SpecialUse) || client.Capabilities.HasFlag(ImapCapabilities.XList))
        {
            if (client.GetFolder(use) is { } special)
            {
                return special;
            }
        }
        return await FindAsync(fallback, ct);
    }

    private async Task<(IMailFolder? Folder, bool Created)> TargetFolderAsync(string name, CancellationToken ct)
    {
        if (await FindAsync(name, ct) is { } existing)
        {
            return (existing, false);
        }
        if (!account.AutoCreateFolders)
        {
            throw new ImapActionRefused($"folder {name} does not exist and folders.mode is predefined");
        }
        if (account.DryRun)
        {
            return (null, false);
        }
        IMailFolder parent = client.GetFolder(client.PersonalNamespaces[0]);
        var separator = parent.DirectorySeparator == '\0' ? '/' : parent.DirectorySeparator;
        foreach (var segment in name.Split(separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = parent.FullName.Length == 0 ? segment : parent.FullName + separator + segment;
            parent = await FindAsync(path, ct) ?? await parent.CreateAsync(segment, true, ct)
                ?? throw new ImapActionRefused($"folder {path} could not be created");
        }
        await parent.SubscribeAsync(ct);
        return (parent, true);
    }

    private async Task<IMailFolder?> FindAsync(string name, CancellationToken ct)
    {
        try
        {
            return await client.GetFolderAsync(name, ct);
        }
        catch (FolderNotFoundException)
        {
            return null;
        }
    }

    /// <summary>System flags by their IMAP names; anything else is a keyword. \Deleted is refused: that is delete's job.</summary>
    internal static (MessageFlags Flags, IReadOnlyList<string> Keywords) FlagsOf(IReadOnlyList<string> names)
    {
        var flags = MessageFlags.None;
        var keywords = new List<string>();
        foreach (var name in names)
        {
            switch (name.ToLowerInvariant())
            {
                case "\\seen": flags |= MessageFlags.Seen; break;
                case "\\flagged": flags |= MessageFlags.Flagged; break;
                case "\\answered": flags |= MessageFlags.Answered; break;
                case "\\draft": flags |= MessageFlags.Draft; break;
                case "\\deleted": throw new ImapActionRefused("\\Deleted is only set by the delete action");
                default:
                    if (name.StartsWith('\\') || name.Any(c => c <= ' ' || "(){%*\"\\]".Contains(c)))
                    {
                        throw new ImapActionRefused($"{name} is not a flag or keyword IMAP allows");
                    }
                    keywords.Add(name);
                    break;
            }
        }
        return (flags, keywords);
    }
}
