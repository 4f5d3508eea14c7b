using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Parley.Triage.Attachments;

/// <summary>
/// A Word (OOXML) document's text: the runs of <c>word/document.xml</c>, a line per paragraph. Read as a stream
/// and stopped at the character limit, so a hugely compressed document (a zip bomb) costs no more than the limit.
/// </summary>
internal static class DocxText
{
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static string? Extract(byte[] docx, int maxChars)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        var entry = zip.GetEntry("word/document.xml");
        if (entry is null)
        {
            return null;
        }
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
        var text = new StringBuilder();
        var inRun = false; // inside <w:t>, whose text nodes are the document's words
        while (text.Length < maxChars && reader.Read())
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                if (inRun)
                {
                    text.Append(reader.Value);
                }
                continue;
            }
            if (reader.NamespaceURI != WordNamespace)
            {
                continue;
            }
            switch (reader.NodeType, reader.LocalName)
            {
                case (XmlNodeType.Element, "t"):
                    inRun = !reader.IsEmptyElement;
                    break;
                case (XmlNodeType.EndElement, "t"):
                    inRun = false;
                    break;
                case (XmlNodeType.Element, "tab"):
                    text.Append('\t');
                    break;
                case (XmlNodeType.Element, "br" or "cr"):
                    text.Append('\n');
                    break;
                case (XmlNodeType.EndElement, "p"):
                    text.Append('\n');
                    break;
            }
        }
        return text.ToString();
    }
}
