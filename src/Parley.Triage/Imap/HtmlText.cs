using System.Text;
using MimeKit.Text;

namespace Parley.Triage.Imap;

/// <summary>
/// Turns an HTML body into the text rules and the LLM read (MimeKit's tokenizer; MimeKit 4 has no HTML-to-text
/// converter): text and entities kept, scripts, styles and tags dropped, a line break at block ends.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<HtmlTagId> LineBreaks =
    [
        HtmlTagId.Br, HtmlTagId.P, HtmlTagId.Div, HtmlTagId.LI, HtmlTagId.TR, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3,
        HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.Table, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.BlockQuote, HtmlTagId.HR,
    ];

    public static string Convert(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var skipping = HtmlTagId.Unknown;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style:
                    skipping = tag.IsEndTag ? HtmlTagId.Unknown : tag.Id;
                    break;
                case HtmlTagToken tag when LineBreaks.Contains(tag.Id) && (tag.IsEndTag || tag.Id is HtmlTagId.Br or HtmlTagId.HR):
                    text.Append('\n');
                    break;
                case HtmlDataToken data when skipping == HtmlTagId.Unknown && token is not HtmlScriptDataToken:
                    text.Append(data.Data);
                    break;
            }
        }
        return string.Join('\n', text.ToString().Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))))
            .Trim();
    }
}
