using System.Globalization;
using System.Text;
using Parley.Mail.Outbound;

namespace Parley.Triage.Forwarding;

/// <summary>
/// One plain-text email Triage sends (a forward, a notification), with the files it carries. When a route cannot take
/// all the files (larger than it accepts), <see cref="TriageMailer"/> sends <see cref="Fitting"/> — the files that fit,
/// in their order — or <see cref="WithoutAttachments"/>, the text with a line naming each file left out, so the
/// recipient knows and a retry is never stuck on a size that cannot change.
/// </summary>
internal sealed record TriageMail(string To, string Subject, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers, IReadOnlyList<OutgoingAttachment> Attachments)
{
    /// <summary>
    /// Room kept for what is not text or files: the headers (DKIM signature, Message-ID, the route's own), MIME
    /// boundaries. Generous on purpose: an estimate that is too small costs one refused send, too large only a file.
    /// </summary>
    private const long EnvelopeAllowance = 16 * 1024;

    /// <summary>A file's part headers (type, disposition, file name, encoding).</summary>
    private const long PartAllowance = 512;

    /// <summary>
    /// This mail with the files that fit in <paramref name="maxMessageBytes"/> once encoded (base64 in 76-character lines,
    /// the text counted as base64 too), taken in their order — a large file does not keep a later small one out — and the
    /// others named in the text. All fit: this mail as it is.
    /// </summary>
    /// <param name="limit">What the route takes, in words ("the 10 MB Parley sends").</param>
    public TriageMail Fitting(long maxMessageBytes, string limit)
    {
        var room = maxMessageBytes - EnvelopeAllowance - Encoded(Encoding.UTF8.GetByteCount(Body));
        var kept = new List<OutgoingAttachment>();
        var leftOut = new List<OutgoingAttachment>();
        foreach (var attachment in Attachments)
        {
            var size = PartAllowance + Encoded(attachment.Content.Length);
            if (size <= room)
            {
                kept.Add(attachment);
                room -= size;
            }
            else
            {
                leftOut.Add(attachment);
            }
        }
        return leftOut.Count == 0 ? this : Leaving(kept, leftOut, limit);
    }

    /// <param name="limit">What the route takes, in words ("the 10 MB Parley sends").</param>
    public TriageMail WithoutAttachments(string limit) => Leaving([], Attachments, limit);

    private TriageMail Leaving(IReadOnlyList<OutgoingAttachment> kept, IReadOnlyList<OutgoingAttachment> leftOut, string limit)
    {
        var note = new StringBuilder("\n\n[Attachments not included — with them the email would be larger than ").Append(limit).Append(":\n");
        foreach (var attachment in leftOut)
        {
            note.Append("  ").Append(attachment.FileName.ReplaceLineEndings(" ")).Append(" (").Append(Megabytes(attachment.Content.Length)).Append(", ")
                .Append(attachment.ContentType).Append(")\n");
        }
        return this with { Body = Body + note.Append(']').ToString(), Attachments = kept };
    }

    /// <summary>Base64 size of <paramref name="bytes"/> with a CRLF after every 76 characters.</summary>
    private static long Encoded(long bytes)
    {
        var base64 = (bytes + 2) / 3 * 4;
        return base64 + (base64 / 76 + 1) * 2;
    }

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + " MB";
}
