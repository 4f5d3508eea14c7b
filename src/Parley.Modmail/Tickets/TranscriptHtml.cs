using System.Globalization;
using System.Net;
using System.Text;

namespace Parley.Modmail.Tickets;

/// <summary>
/// A transcript as one self-contained HTML file (inline style, no scripts, no remote resources). Every piece of text
/// from the database — names, content, file names — is HTML-encoded, so a member's <c>&lt;script&gt;</c> stays text.
/// </summary>
internal static class TranscriptHtml
{
    /// <summary>Served with the file: the page may use its inline style and nothing else.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    public static string Render(TicketTranscript transcript, string deskName)
    {
        var t = transcript.Ticket;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<title>Ticket ").Append(E(t.UserName)).Append(" — ").Append(E(deskName)).Append("</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222}")
            .Append(".m{border-left:3px solid #ccc;padding:.25rem .75rem;margin:.75rem 0}.member{border-color:#3b82f6}.staff{border-color:#16a34a}")
            .Append(".note{border-color:#eab308;background:#fefce8}.system{border-color:#999;color:#666}.h{font-size:.85rem;color:#555}")
            .Append(".c{white-space:pre-wrap;word-wrap:break-word}.deleted{color:#999;font-style:italic}</style></head><body>\n");
        html.Append("<h1>Ticket of ").Append(E(t.UserName)).Append("</h1>\n<dl>");
        Row(html, "Desk", deskName);
        Row(html, "Member", $"{t.UserName} ({t.UserId})");
        Row(html, "Transport", t.Transport);
        Row(html, "Status", t.Status);
        Row(html, "Category", t.CategoryName ?? "—");
        Row(html, "Opened", Time(t.CreatedAt));
        if (t.ClosedAt is { } closed)
        {
            Row(html, "Closed", $"{Time(closed)} by {t.ClosedBy ?? "—"}");
        }
        html.Append("</dl>\n");
        foreach (var m in transcript.Messages)
        {
            html.Append("<div class=\"m ").Append(E(m.Kind)).Append("\"><div class=\"h\">");
            if (m.MessageNumber is { } number)
            {
                html.Append('#').Append(number.ToString(CultureInfo.InvariantCulture)).Append(' ');
            }
            html.Append("<strong>").Append(E(m.UserName)).Append("</strong>");
            if (m.AuthorRole is not null)
            {
                html.Append(" (").Append(E(m.AuthorRole)).Append(')');
            }
            if (m.IsAnonymous)
            {
                html.Append(" · anonymous");
            }
            html.Append(" · ").Append(E(m.Kind)).Append(" · ").Append(Time(m.CreatedAt));
            if (m.EditedAt is not null)
            {
                html.Append(" · edited");
            }
            html.Append("</div>");
            if (m.DeletedAt is not null)
            {
                html.Append("<div class=\"c deleted\">(deleted)</div>");
            }
            else
            {
                html.Append("<div class=\"c\">").Append(E(m.Content ?? "")).Append("</div>");
            }
            foreach (var a in m.Attachments)
            {
                html.Append("<div class=\"h\">Attachment: ").Append(E(a.FileName)).Append(" (").Append(E(a.ContentType)).Append(", ")
                    .Append(a.Size.ToString(CultureInfo.InvariantCulture)).Append(" bytes)</div>");
            }
            html.Append("</div>\n");
        }
        if (transcript.Truncated)
        {
            html.Append("<p><em>The transcript is longer than this export holds (Modmail:Panel:MaxTranscriptMessages).</em></p>\n");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
