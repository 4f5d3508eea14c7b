using System.Globalization;
using System.Text;

namespace Parley.Triage.Forwarding;

/// <summary>
/// The body of a forward, inline as mail clients write it: a "Forwarded message" block with the original's From, Date,
/// Subject and To, then its text. The IMAP pipeline and Parley's inboxes both forward this way.
/// </summary>
internal static class ForwardText
{
    public const string AutoSubmitted = "auto-forwarded";

    public static string Subject(string? subject) => "Fwd: " + OneLine(string.IsNullOrWhiteSpace(subject) ? "(no subject)" : subject);

    public static string Body(string? from, DateTimeOffset? date, string? subject, IReadOnlyList<string> to, string text)
    {
        var body = new StringBuilder("---------- Forwarded message ----------\n");
        body.Append("From: ").Append(OneLine(from ?? "")).Append('\n');
        if (date is { } sent)
        {
            body.Append("Date: ").Append(sent.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        body.Append("Subject: ").Append(OneLine(subject ?? "")).Append('\n');
        if (to.Count > 0)
        {
            body.Append("To: ").Append(OneLine(string.Join(", ", to))).Append('\n');
        }
        return body.Append('\n').Append(text).ToString();
    }

    private static string OneLine(string value) => value.ReplaceLineEndings(" ").Replace('\0', ' ');
}
