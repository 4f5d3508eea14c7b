using System.Net;
using System.Text.RegularExpressions;

namespace Parley.Mail.Messages;

/// <summary>
/// A readable text rendering of an HTML email, for modules that show or classify text (Modmail's tickets, Triage's rules
/// and LLM): scripts, styles and comments dropped, line and paragraph breaks kept, list items as "- ", links as
/// "text (url)", entities decoded, runs of spaces collapsed. Not a sanitizer — the result is only ever text.
/// </summary>
public static partial class HtmlText
{
    public static string ToPlain(string html)
    {
        var text = Invisible().Replace(html, "");
        text = Link().Replace(text, m => Tag().Replace(m.Groups["text"].Value, "") is var label && label.Trim() == m.Groups["href"].Value
            ? label : $"{Tag().Replace(m.Groups["text"].Value, "")} ({m.Groups["href"].Value})");
        text = LineBreak().Replace(text, "\n");
        text = BlockEnd().Replace(text, "\n\n");
        text = ListItem().Replace(text, "\n- ");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00a0', ' ');
        text = Spaces().Replace(text, " ");
        text = string.Join('\n', text.Split('\n').Select(l => l.Trim()));
        return BlankLines().Replace(text, "\n\n").Trim();
    }

    [GeneratedRegex(@"<(script|style|head|title)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline, 1000)]
    private static partial Regex Invisible();

    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*["'](?<href>https?://[^"']+)["'][^>]*>(?<text>.*?)</a\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline, 1000)]
    private static partial Regex Link();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</(p|div|h[1-6]|table|tr|ul|ol|blockquote|pre)\s*>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<li\b[^>]*>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline, 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f\v]+", RegexOptions.None, 1000)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}", RegexOptions.None, 1000)]
    private static partial Regex BlankLines();
}
