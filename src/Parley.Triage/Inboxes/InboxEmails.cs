using MimeKit;
using Parley.Mail.Messages;
using Parley.Triage.Emails;

namespace Parley.Triage.Inboxes;

/// <summary>
/// A message stored by Mail as the <see cref="TriageEmail"/> rules and the LLM read. It has no IMAP place: the folder is
/// <see cref="InboxDeadLetters.Folder"/> of its inbox and the UID 0. When attachment text or images are wanted, the
/// message as received (<paramref name="mime"/>, from Mail's raw blob) supplies the attachments and images, read as the
/// IMAP path reads them (<see cref="Imap.TriageEmailReader"/>); otherwise attachments are listed without text.
/// </summary>
internal static class InboxEmails
{
    public static TriageEmail From(StoredEmail stored, string accountName, Guid inboxId, MimeMessage? mime,
        Configuration.AttachmentsOptions? attachments, Attachments.VisionLimits? images)
    {
        var email = From(stored, accountName, inboxId);
        if (mime is null)
        {
            return email;
        }
        var read = Imap.TriageEmailReader.Read(accountName, email.Folder, 0, 0, mime, stored.RawSize, attachments, images);
        return email with { Attachments = read.Attachments, Images = read.Images };
    }

    public static TriageEmail From(StoredEmail stored, string accountName, Guid inboxId) => new(
        AccountName: accountName,
        Folder: InboxDeadLetters.Folder(inboxId),
        UidValidity: 0,
        Uid: 0,
        MessageId: stored.MessageId,
        From: stored.From.Address,
        To: Addresses(stored, "To"),
        Cc: Addresses(stored, "Cc"),
        Subject: stored.Subject,
        Headers: stored.Headers,
        TextBody: !string.IsNullOrWhiteSpace(stored.TextBody) ? stored.TextBody : HtmlText.ToPlain(stored.HtmlBody ?? ""),
        Size: stored.RawSize,
        Attachments: stored.Attachments.Where(a => !a.Inline).Select(a => new TriageAttachment(a.FileName, a.ContentType, a.Size, null)).ToList(),
        Date: new DateTimeOffset(DateTime.SpecifyKind(stored.SentAt, DateTimeKind.Utc)));

    private static List<string> Addresses(StoredEmail stored, string header) =>
        stored.Headers.Where(h => string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => InternetAddressList.TryParse(h.Value, out var list) ? list.Mailboxes.Select(m => m.Address) : [])
            .ToList();
}
