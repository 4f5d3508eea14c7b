using System.Globalization;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using Parley.Triage.Actions;
using Parley.Triage.Classification;

namespace Parley.Triage.Pipeline;

/// <summary>
/// Mailpilot's <c>add_processing_headers</c>: IMAP cannot edit a stored message, so a copy with
/// <c>X-Mailpilot-Processed</c> (time), <c>X-Mailpilot-Actions</c> (<c>flag:\Flagged, read</c>),
/// <c>X-Mailpilot-Model</c> (the model, or <c>rule:name</c>) and <c>X-Mailpilot-Analysis</c> (the reasoning, base64) is
/// APPENDed with the original's flags and internal date, and only then is the original removed — by its own UID
/// (\Deleted + UID EXPUNGE), never a plain EXPUNGE. A failure between the two leaves two copies, never none. Skipped, as
/// Mailpilot does, for a message the actions relocated, for PGP-encrypted mail, in dry run, and on a server without
/// UIDPLUS (no safe way to remove only the original). The copy has a new UID, so the watcher hands it again; its
/// Message-ID is already in processed_messages, so it is not processed twice.
/// </summary>
internal static class ProcessingHeaders
{
    private static readonly TriageActionKind[] Relocating = [TriageActionKind.Move, TriageActionKind.Archive, TriageActionKind.Delete, TriageActionKind.Spam];

    public static bool Applies(TriageAccount account, IReadOnlyList<TriageAction> actions) =>
        account.AddProcessingHeaders && !account.Imap.DryRun && !actions.Any(a => Relocating.Contains(a.Kind));

    public static async Task AddAsync(ImapClient client, string folderName, uint uid, ClassificationDecision decision, DateTimeOffset now, CancellationToken ct)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
        {
            return;
        }
        var folder = await client.GetFolderAsync(folderName, ct);
        if (!folder.IsOpen || folder.Access != FolderAccess.ReadWrite)
        {
            await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        }
        var id = new UniqueId(uid);
        var summary = (await folder.FetchAsync([id], MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate, ct)).SingleOrDefault();
        if (summary is null)
        {
            return; // gone meanwhile
        }
        var message = await folder.GetMessageAsync(id, ct);
        if (IsEncrypted(message))
        {
            return;
        }
        message.Headers.Add("X-Mailpilot-Processed", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        message.Headers.Add("X-Mailpilot-Actions", Describe(decision.Actions));
        message.Headers.Add("X-Mailpilot-Model", decision.Source.Model ?? (decision.Source.Rule is { } rule ? "rule:" + rule : decision.Source.Kind.ToString().ToLowerInvariant()));
        if (!string.IsNullOrEmpty(decision.Reasoning))
        {
            message.Headers.Add("X-Mailpilot-Analysis", Convert.ToBase64String(Encoding.UTF8.GetBytes(decision.Reasoning)));
        }
        var flags = (summary.Flags ?? MessageFlags.None) & ~(MessageFlags.Recent | MessageFlags.Deleted);
        await folder.AppendAsync(new AppendRequest(message, flags, summary.Keywords) { InternalDate = summary.InternalDate }, ct);
        // The copy is stored: only now the original goes, by its own UID.
        await folder.StoreAsync(id, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, ct);
        await folder.ExpungeAsync([id], ct);
    }

    internal static string Describe(IReadOnlyList<TriageAction> actions) => string.Join(", ", actions.Select(a => a.Kind switch
    {
        TriageActionKind.Move or TriageActionKind.Copy => $"{TriageActionNames.Of(a.Kind)}:{a.Folder}",
        TriageActionKind.Flag or TriageActionKind.Unflag => $"{TriageActionNames.Of(a.Kind)}:{string.Join('+', a.Flags ?? [])}",
        TriageActionKind.Label or TriageActionKind.Unlabel => $"{TriageActionNames.Of(a.Kind)}:{string.Join('+', a.Labels ?? [])}",
        _ => TriageActionNames.Of(a.Kind),
    }));

    private static bool IsEncrypted(MimeMessage message) =>
        message.Body?.ContentType.MimeType is "application/pgp-encrypted" or "multipart/encrypted"
        || message.Body is TextPart text && text.Text.Contains("-----BEGIN PGP MESSAGE-----", StringComparison.Ordinal);
}
