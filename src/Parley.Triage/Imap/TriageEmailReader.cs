using System.Security.Cryptography;
using System.Text;
using MimeKit;
using Parley.Triage.Attachments;
using Parley.Triage.Configuration;
using Parley.Mail.Messages;
using Parley.Triage.Emails;

namespace Parley.Triage.Imap;

/// <summary>Builds the <see cref="TriageEmail"/> rules and the LLM see from a message fetched by UID (MimeKit).</summary>
public static class TriageEmailReader
{
    /// <param name="attachments">Attachment text extraction (the account's <c>attachments</c>, else the global one); null or disabled: none.</param>
    /// <param name="images">Images kept for a vision-capable LLM (<see cref="VisionImages.LimitsFor"/>); null: none, and no image bytes held.</param>
    public static TriageEmail Read(string account, string folder, uint uidValidity, uint uid, MimeMessage message, long size,
        AttachmentsOptions? attachments = null, VisionLimits? images = null)
    {
        return new TriageEmail(
            AccountName: account,
            Folder: folder,
            UidValidity: uidValidity,
            Uid: uid,
            MessageId: string.IsNullOrWhiteSpace(message.MessageId) ? SubstituteMessageId(message) : message.MessageId,
            From: message.From.Mailboxes.FirstOrDefault()?.Address,
            To: message.To.Mailboxes.Select(m => m.Address).ToList(),
            Cc: message.Cc.Mailboxes.Select(m => m.Address).ToList(),
            Subject: message.Subject,
            Headers: message.Headers.Select(h => new KeyValuePair<string, string>(h.Field, h.Value)).ToList(),
            TextBody: TextOf(message),
            Size: size,
            Attachments: message.Attachments.Select(a => AttachmentOf(a, attachments)).ToList(),
            Date: message.Headers.Contains(HeaderId.Date) ? message.Date : null,
            Images: images is null ? [] : VisionImages.Read(message, images));
    }

    /// <summary>The text part; else the HTML part turned into text; else empty.</summary>
    private static string TextOf(MimeMessage message)
    {
        if (message.TextBody is { } text)
        {
            return text;
        }
        return message.HtmlBody is { } html ? HtmlText.ToPlain(html) : "";
    }

    private static TriageAttachment AttachmentOf(MimeEntity entity, AttachmentsOptions? extraction)
    {
        var counter = new Attachments.DecodedBytes(0);
        string? name;
        switch (entity)
        {
            case MimePart part:
                part.Content?.DecodeTo(counter);
                name = part.FileName;
                break;
            case MessagePart attached:
                attached.Message?.WriteTo(counter);
                name = entity.ContentDisposition?.FileName ?? attached.Message?.Subject;
                break;
            default:
                name = entity.ContentDisposition?.FileName;
                break;
        }
        var text = extraction is { Enabled: true } && entity is MimePart extractable
            ? AttachmentText.Extract(extractable, counter.Length, extraction)
            : null;
        return new TriageAttachment(name ?? "", entity.ContentType.MimeType, counter.Length, text);
    }

    /// <summary>A message without Message-ID still needs a stable key for processed_messages: a hash of its headers.</summary>
    private static string SubstituteMessageId(MimeMessage message)
    {
        var key = $"{message.From}|{message.To}|{message.Subject}|{message.Headers[HeaderId.Date]}";
        return "no-id-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32].ToLowerInvariant() + "@parley.invalid";
    }
}
