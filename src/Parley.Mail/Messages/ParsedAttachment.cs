using MimeKit;

namespace Parley.Mail.Messages;

/// <summary>
/// One attachment or inline part of a parsed message. Its bytes stay in the MIME tree until
/// <see cref="WriteContentAsync"/> streams them, decoded, to wherever they are stored.
/// </summary>
internal sealed record ParsedAttachment(string Filename, string ContentType, string? ContentId, bool Inline, MimeEntity Entity)
{
    /// <summary>Writes the decoded content (base64/quoted-printable undone; an attached message as its MIME text).</summary>
    public async Task WriteContentAsync(Stream destination, CancellationToken cancellationToken)
    {
        switch (Entity)
        {
            case MimePart { Content: not null } part:
                await part.Content.DecodeToAsync(destination, cancellationToken);
                break;
            case MessagePart { Message: not null } attached:
                await attached.Message.WriteToAsync(FormatOptions.Default, destination, cancellationToken);
                break;
        }
    }
}
