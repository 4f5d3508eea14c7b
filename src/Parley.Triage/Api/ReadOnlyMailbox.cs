using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Parley.Triage.Emails;
using Parley.Triage.Imap;

namespace Parley.Triage.Api;

/// <summary>
/// Reads an account's mail for the rule preview and the sandbox on a connection of its own, beside the account's
/// watcher: the folder asked for (a watched one; the first by default) is opened <b>read-only</b> (EXAMINE) and messages are fetched with BODY.PEEK
/// (MailKit's <c>GetMessage</c>), so nothing — not even <c>\Seen</c> — changes in the mailbox.
/// Any IMAP or network failure becomes <see cref="MailboxUnavailableException"/>.
/// </summary>
internal sealed class ReadOnlyMailbox(ImapConnector connector)
{
    /// <summary>The newest <paramref name="count"/> emails of <paramref name="folderName"/>, newest first.</summary>
    public Task<IReadOnlyList<TriageEmail>> NewestAsync(ImapAccount account, string folderName, int count, CancellationToken ct) =>
        UseAsync(account, folderName, async folder =>
        {
            if (folder.Count == 0)
            {
                return (IReadOnlyList<TriageEmail>)[];
            }
            var first = Math.Max(0, folder.Count - count);
            var summaries = await folder.FetchAsync(first, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct);
            var emails = new List<TriageEmail>();
            foreach (var summary in summaries.OrderByDescending(s => s.UniqueId.Id))
            {
                // Rules look at names and types of attachments only: no attachment text is extracted here.
                var message = await folder.GetMessageAsync(summary.UniqueId, ct);
                emails.Add(TriageEmailReader.Read(account.Name, folder.FullName, folder.UidValidity, summary.UniqueId.Id, message, summary.Size ?? 0));
            }
            return emails;
        }, ct);

    /// <summary>The email with <paramref name="uid"/> in <paramref name="folderName"/> (read as the pipeline reads it), or null.</summary>
    public Task<TriageEmail?> ByUidAsync(ImapAccount account, string folderName, uint uid, CancellationToken ct) =>
        UseAsync(account, folderName, async folder =>
        {
            var summaries = await folder.FetchAsync([new UniqueId(uid)], MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct);
            if (summaries.Count == 0)
            {
                return null;
            }
            var message = await folder.GetMessageAsync(summaries[0].UniqueId, ct);
            return (TriageEmail?)TriageEmailReader.Read(account.Name, folder.FullName, folder.UidValidity, uid, message, summaries[0].Size ?? 0, account.Attachments, account.Images);
        }, ct);

    private async Task<T> UseAsync<T>(ImapAccount account, string folderName, Func<IMailFolder, Task<T>> read, CancellationToken ct)
    {
        try
        {
            using var client = await connector.ConnectAsync(account, ct);
            var folder = await client.GetFolderAsync(folderName, ct);
            await folder.OpenAsync(FolderAccess.ReadOnly, ct);
            var result = await read(folder);
            await client.DisconnectAsync(quit: true, ct);
            return result;
        }
        catch (FolderNotFoundException)
        {
            throw new MailboxUnavailableException($"Account '{account.Name}' has no folder '{folderName}'.");
        }
        catch (Exception ex) when (ex is ImapProtocolException or ImapCommandException or AuthenticationException or SslHandshakeException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or IOException or SocketException or TimeoutException
            or InvalidOperationException or HttpRequestException
            || ex is OperationCanceledException && !ct.IsCancellationRequested)
        {
            // MailKit's messages name the server's answer or the network error, never the credentials.
            throw new MailboxUnavailableException($"Could not read account '{account.Name}' over IMAP ({folderName}): {ex.Message}", ex);
        }
    }
}

/// <summary>The account's mail server could not be reached, refused the login, or failed a command.</summary>
internal sealed class MailboxUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
