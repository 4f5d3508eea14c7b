using MimeKit;
using Parley.Mail.Messages;
using Parley.Triage.Emails;

namespace Parley.Triage.Inboxes;

/// <summary>
/// A message stored by Mail as the <see cref="TriageEmail"/> rules and the LLM read. It has no IMAP place: the folder is
/// <see cref="InboxDeadLetters.Folder"/> of its inbox and the UID 0. Attachments carry no extracted text (Mail keeps
/// their bytes in the blob store; attachment text extraction is the attachments part's).
/// </summary>
internal static class InboxEmails
{
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
