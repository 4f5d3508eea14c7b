using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Parley.Triage.Attachments;

/// <summary>A PDF's text, page by page in reading order (PdfPig), stopping once enough is read.</summary>
internal static class PdfText
{
    public static string Extract(byte[] pdf, int maxChars)
    {
        using var document = PdfDocument.Open(pdf);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.AppendLine(ContentOrderTextExtractor.GetText(page));
            if (text.Length >= maxChars)
            {
                break;
            }
        }
        return text.ToString();
    }
}
