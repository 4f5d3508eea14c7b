using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using Parley.Triage.Emails;

namespace Parley.Triage.Forwarding;

/// <summary>
/// An IMAP email's message as received, fetched again (BODY.PEEK[], \Seen untouched) when a forward is to carry its
/// attachments. <see cref="TriageEmail"/> keeps names and sizes, not bytes — holding every fetched message's files for
/// the rare forward would multiply what a batch keeps in memory — so the one message forwarded is fetched once more.
/// </summary>
internal static class ImapOriginal
{
    /// <returns>null when the message is no longer at its UID (expunged, moved away, UIDVALIDITY changed).</returns>
    public static async Task<MimeMessage?> FetchAsync(ImapClient client, TriageEmail email, CancellationToken cancellationToken)
    {
        var folder = await client.GetFolderAsync(email.Folder, cancellationToken);
        // Read-write, as the actions after the forward open it: no second SELECT for them.
        if (!folder.IsOpen || folder.Access != FolderAccess.ReadWrite)
        {
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        }
        if (folder.UidValidity != email.UidValidity)
        {
            return null;
        }
        try
        {
            return await folder.GetMessageAsync(new UniqueId(email.Uid), cancellationToken);
        }
        catch (MessageNotFoundException)
        {
            return null;
        }
    }
}
