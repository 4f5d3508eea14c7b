using MimeKit;
using Parley.Mail.Outbound;

namespace Parley.Triage.Forwarding;

/// <summary>
/// The files a forward carries: the original's attachments (MimeKit's <see cref="MimeMessage.Attachments"/> — the
/// parts with an attachment disposition, the same list rules match on), decoded, with their file names and content
/// types; an attached email goes as message/rfc822. Inline parts (images an HTML body shows) are not carried: a
/// forward is plain text, with nothing to show them in.
/// </summary>
internal static class ForwardAttachments
{
    public static IReadOnlyList<OutgoingAttachment> Of(MimeMessage? original) =>
        original is null ? [] : original.Attachments.Select(Of).OfType<OutgoingAttachment>().ToList();

    private static OutgoingAttachment? Of(MimeEntity entity)
    {
        using var bytes = new MemoryStream();
        switch (entity)
        {
            case MimePart { Content: not null } part:
                part.Content.DecodeTo(bytes);
                return new OutgoingAttachment(part.FileName ?? "attachment", TypeOf(part.ContentType), bytes.ToArray());
            case MessagePart { Message: not null } attached:
                attached.Message.WriteTo(bytes);
                var name = entity.ContentDisposition?.FileName ?? (string.IsNullOrWhiteSpace(attached.Message.Subject) ? "message" : attached.Message.Subject) + ".eml";
                return new OutgoingAttachment(name, "message/rfc822", bytes.ToArray());
            default:
                return null;
        }
    }

    /// <summary>The media type, with its charset when it has one (a text attachment reads right on arrival).</summary>
    private static string TypeOf(ContentType type) =>
        string.IsNullOrEmpty(type.Charset) ? type.MimeType : $"{type.MimeType}; charset={type.Charset}";
}
