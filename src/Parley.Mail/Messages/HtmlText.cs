using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Text;

namespace Parley.Mail.Messages;

/// <summary>
/// A readable text rendering of an HTML email, for modules that show or classify text (Modmail's tickets, Triage's rules
/// and LLM): scripts, styles, titles and comments dropped, line and paragraph breaks kept, list items as "- ", links as
/// "text (url)", entities decoded, source whitespace collapsed as a browser does (line breaks kept inside <c>pre</c>), every line trimmed. Read with
/// MimeKit's HTML tokenizer in one pass — no regular expression over the document, so no input can make it backtrack
/// or time out. Not a sanitizer: the result is only ever text.
/// </summary>
public static partial class HtmlText
{
    private static readonly HashSet<HtmlTagId> Hidden = [HtmlTagId.Script, HtmlTagId.Style, HtmlTagId.Title];

    private static readonly HashSet<HtmlTagId> Blocks =
    [
        HtmlTagId.P, HtmlTagId.Div, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6,
        HtmlTagId.Table, HtmlTagId.TR, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.BlockQuote, HtmlTagId.Pre,
    ];

    public static string ToPlain(string html)
    {
        var text = new StringBuilder(html.Length / 2);
        StringBuilder? linkText = null;
        string? href = null;
        var hidden = HtmlTagId.Unknown;
        var preDepth = 0;
        void Write(string s) => (linkText ?? text).Append(s);

        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is HtmlTagToken tag)
            {
                if (Hidden.Contains(tag.Id))
                {
                    hidden = tag.IsEndTag ? HtmlTagId.Unknown : tag.IsEmptyElement ? hidden : tag.Id;
                    continue;
                }
                if (hidden != HtmlTagId.Unknown)
                {
                    continue;
                }
                switch (tag.Id)
                {
                    case HtmlTagId.A when !tag.IsEndTag:
                        href = tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value?.Trim();
                        href = href is not null && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ? href : null;
                        linkText = new StringBuilder();
                        break;
                    case HtmlTagId.A when linkText is not null:
                        var label = linkText.ToString();
                        linkText = null;
                        Write(href is null || label.Trim() == href ? label : $"{label} ({href})");
                        href = null;
                        break;
                    case HtmlTagId.Br:
                        Write("\n");
                        break;
                    case HtmlTagId.LI when !tag.IsEndTag:
                        Write("\n- ");
                        break;
                    case var id when Blocks.Contains(id):
                        if (id == HtmlTagId.Pre)
                        {
                            preDepth = Math.Max(0, preDepth + (tag.IsEndTag ? -1 : 1));
                        }
                        if (tag.IsEndTag)
                        {
                            Write("\n\n");
                        }
                        break;
                }
            }
            else if (token is HtmlDataToken data && token is not HtmlScriptDataToken && hidden == HtmlTagId.Unknown)
            {
                var chunk = data.Data.Replace('\u00a0', ' ');
                Write(preDepth > 0 ? chunk : SourceWhitespace().Replace(chunk, " "));
            }
        }
        if (linkText is not null)
        {
            text.Append(linkText);
        }
        var lines = text.ToString().Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"\s+", RegexOptions.None, 1000)]
    private static partial Regex SourceWhitespace();

    [GeneratedRegex(@"[ \t\r\f\v]+", RegexOptions.None, 1000)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}", RegexOptions.None, 1000)]
    private static partial Regex BlankLines();
}
