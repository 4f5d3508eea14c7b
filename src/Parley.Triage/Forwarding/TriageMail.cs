using System.Globalization;
using System.Text;
using Parley.Mail.Outbound;

namespace Parley.Triage.Forwarding;

/// <summary>
/// One plain-text email Triage sends (a forward, a notification), with the files it carries. When a route cannot take
/// the files (larger than it accepts), <see cref="TriageMailer"/> sends <see cref="WithoutAttachments"/> instead: the
/// same text with a line naming what was left out, so the recipient knows and a retry is never stuck on a size that
/// cannot change.
/// </summary>
internal sealed record TriageMail(string To, string Subject, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers, IReadOnlyList<OutgoingAttachment> Attachments)
{
    public long AttachmentBytes => Attachments.Sum(a => (long)a.Content.Length);

    /// <param name="limit">What the route refused, in words ("the 10 MB Parley sends").</param>
    public TriageMail WithoutAttachments(string limit)
    {
        var note = new StringBuilder("\n\n[Attachments not included — together larger than ").Append(limit).Append(":\n");
        foreach (var attachment in Attachments)
        {
            note.Append("  ").Append(attachment.FileName.ReplaceLineEndings(" ")).Append(" (").Append(Megabytes(attachment.Content.Length)).Append(", ")
                .Append(attachment.ContentType).Append(")\n");
        }
        return this with { Body = Body + note.Append(']').ToString(), Attachments = [] };
    }

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + " MB";
}
