using System.Text.Json;
using MimeKit;

namespace Parley.Mail.Outbound;

/// <summary>The body of <c>POST /api/mail/send</c>; recipients are <c>"a@b.c"</c>, <c>"Name &lt;a@b.c&gt;"</c> or <c>{address, name}</c>.</summary>
internal sealed record SendRequest(
    Guid? InboxId,
    List<JsonElement>? To,
    List<JsonElement>? Cc,
    List<JsonElement>? Bcc,
    string? Subject,
    string? Text,
    string? Html,
    List<SendAttachment>? Attachments,
    string? InReplyTo,
    string? IdempotencyKey);

internal sealed record SendAttachment(string? Filename, string? ContentType, string? ContentBase64);

/// <summary>A <see cref="SendRequest"/> that passed every check.</summary>
internal sealed record CheckedSend(
    Guid InboxId,
    IReadOnlyList<MailboxAddress> To,
    IReadOnlyList<MailboxAddress> Cc,
    IReadOnlyList<MailboxAddress> Bcc,
    string Subject,
    string? Text,
    string? Html,
    IReadOnlyList<DraftAttachment> Attachments,
    string? InReplyTo,
    string? IdempotencyKey)
{
    public IEnumerable<MailboxAddress> Recipients => To.Concat(Cc).Concat(Bcc);
}

/// <summary>Checks a send request field by field; every problem is reported at once.</summary>
internal static class SendRequestCheck
{
    public const int MaxSubjectLength = 998;
    public const int MaxIdempotencyKeyLength = 200;
    public const int MaxFilenameLength = 255;

    public static CheckedSend? Check(SendRequest body, string? headerKey, OutboundOptions limits, out Dictionary<string, string[]> errors, out bool tooLarge)
    {
        errors = [];
        tooLarge = false;
        if (body.InboxId is null)
        {
            errors["inbox_id"] = ["Required."];
        }
        var to = Addresses(body.To, "to", errors);
        var cc = Addresses(body.Cc, "cc", errors);
        var bcc = Addresses(body.Bcc, "bcc", errors);
        var count = to.Count + cc.Count + bcc.Count;
        if (count == 0 && !errors.ContainsKey("to"))
        {
            errors["to"] = ["At least one recipient (to, cc or bcc) is required."];
        }
        else if (count > limits.MaxRecipients)
        {
            errors["to"] = [$"At most {limits.MaxRecipients} recipients (to, cc and bcc together); this has {count}."];
        }
        if (string.IsNullOrWhiteSpace(body.Subject))
        {
            errors["subject"] = ["Required."];
        }
        else if (body.Subject.Length > MaxSubjectLength || body.Subject.Any(c => c is '\r' or '\n' or '\0'))
        {
            errors["subject"] = [$"One line of at most {MaxSubjectLength} characters."];
        }
        if (string.IsNullOrEmpty(body.Text) && string.IsNullOrEmpty(body.Html))
        {
            errors["text"] = ["Give text, html, or both."];
        }
        if (body.IdempotencyKey is not null && headerKey is not null && !string.Equals(body.IdempotencyKey, headerKey, StringComparison.Ordinal))
        {
            errors["idempotency_key"] = ["Differs from the Idempotency-Key header."];
        }
        var key = body.IdempotencyKey ?? headerKey;
        if (key is not null && (key.Length == 0 || key.Length > MaxIdempotencyKeyLength || key.Any(char.IsControl)))
        {
            errors["idempotency_key"] = [$"1 to {MaxIdempotencyKeyLength} printable characters."];
        }
        var inReplyTo = body.InReplyTo?.Trim().Trim('<', '>');
        if (body.InReplyTo is not null && string.IsNullOrEmpty(inReplyTo))
        {
            errors["in_reply_to"] = ["A Message-ID."];
        }
        var attachments = Attachments(body.Attachments, limits.MaxMessageBytes, errors, ref tooLarge);
        if (errors.Count > 0 || tooLarge)
        {
            return null;
        }
        return new CheckedSend(body.InboxId!.Value, to, cc, bcc, body.Subject!, body.Text, body.Html, attachments, inReplyTo, key);
    }

    private static List<MailboxAddress> Addresses(List<JsonElement>? items, string field, Dictionary<string, string[]> errors)
    {
        var addresses = new List<MailboxAddress>();
        foreach (var item in items ?? [])
        {
            string? text = null;
            string? name = null;
            if (item.ValueKind == JsonValueKind.String)
            {
                text = item.GetString();
            }
            else if (item.ValueKind == JsonValueKind.Object
                     && item.TryGetProperty("address", out var a) && a.ValueKind == JsonValueKind.String)
            {
                text = a.GetString();
                name = item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            }
            var mailbox = Parse(text);
            if (mailbox is null)
            {
                errors[field] = [$"'{Shorten(text ?? item.ToString())}' is not an email address."];
                return addresses;
            }
            if (name is not null)
            {
                mailbox.Name = name;
            }
            addresses.Add(mailbox);
        }
        return addresses;
    }

    /// <summary>One mailbox with a local part and a domain, no route, no group; null otherwise.</summary>
    public static MailboxAddress? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 320 || text.Any(c => c is '\r' or '\n' or '\0')
            || !MailboxAddress.TryParse(ParserOptions.Default, text, out var mailbox))
        {
            return null;
        }
        var at = mailbox.Address.LastIndexOf('@');
        if (at <= 0 || at == mailbox.Address.Length - 1 || mailbox.Route.Count > 0 || !mailbox.Address[(at + 1)..].Contains('.', StringComparison.Ordinal))
        {
            return null;
        }
        return mailbox;
    }

    private static List<DraftAttachment> Attachments(List<SendAttachment>? items, long maxBytes, Dictionary<string, string[]> errors, ref bool tooLarge)
    {
        var attachments = new List<DraftAttachment>();
        long total = 0;
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var item = items![i];
            var field = $"attachments[{i}]";
            if (string.IsNullOrWhiteSpace(item.Filename) || item.Filename.Length > MaxFilenameLength || item.Filename.Any(char.IsControl) || item.Filename.IndexOfAny(['/', '\\']) >= 0)
            {
                errors[field + ".filename"] = [$"A file name of 1 to {MaxFilenameLength} characters, no path."];
                continue;
            }
            var type = new ContentType("application", "octet-stream");
            if (item.ContentType is not null && !ContentType.TryParse(item.ContentType, out type))
            {
                errors[field + ".content_type"] = ["A MIME type such as application/pdf."];
                continue;
            }
            if (item.ContentBase64 is null)
            {
                errors[field + ".content_base64"] = ["Required."];
                continue;
            }
            var bytes = new byte[item.ContentBase64.Length * 3 / 4 + 3];
            if (!Convert.TryFromBase64String(item.ContentBase64, bytes, out var length))
            {
                errors[field + ".content_base64"] = ["Not base64."];
                continue;
            }
            total += length;
            if (total > maxBytes)
            {
                tooLarge = true;
                return attachments;
            }
            attachments.Add(new DraftAttachment(item.Filename, type, bytes[..length]));
        }
        return attachments;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
