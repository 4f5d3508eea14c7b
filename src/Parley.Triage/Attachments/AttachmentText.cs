using Parley.Mail.Messages;
using System.Text;
using MimeKit;
using Parley.Triage.Configuration;
using Parley.Triage.Imap;

namespace Parley.Triage.Attachments;

/// <summary>
/// The text of an attachment for rules and the LLM (Mailpilot's <c>attachments</c>, done in-process instead of by an
/// Apache Tika server): <c>text/*</c> (HTML as text), PDF (PdfPig) and DOCX (its <c>word/document.xml</c>), when the
/// type is in <c>allowed_types</c> and the decoded size is at most <c>max_size_mb</c>; cut to
/// <c>max_extracted_chars</c>. Anything else, or a file that does not parse, has no text (null) — never an error: an
/// unreadable attachment must not keep an email from being triaged.
/// </summary>
public static class AttachmentText
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Mail clients often send files as octet-stream; the file name then says what they are.</summary>
    private static readonly Dictionary<string, string> TypesByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".docx"] = Docx,
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".htm"] = "text/html",
        [".html"] = "text/html",
    };

    /// <param name="decodedSize">The attachment's decoded size, already counted by the reader.</param>
    public static string? Extract(MimePart part, long decodedSize, AttachmentsOptions options)
    {
        if (!options.Enabled || part.Content is null || decodedSize > (long)(options.MaxSizeMb * 1024 * 1024))
        {
            return null;
        }
        var type = EffectiveType(part);
        if (!Allowed(type, options.ExtractedTypes()))
        {
            return null;
        }
        try
        {
            var text = type switch
            {
                "text/html" => HtmlText.ToPlain(DecodeText(part)),
                _ when type.StartsWith("text/", StringComparison.Ordinal) => DecodeText(part),
                Pdf => PdfText.Extract(Decode(part), options.MaxExtractedChars),
                Docx => DocxText.Extract(Decode(part), options.MaxExtractedChars),
                _ => null,
            };
            return text is null ? null : Cut(text.Trim(), options.MaxExtractedChars);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null; // a damaged or encrypted file: listed by name and type only
        }
    }

    /// <summary>The MIME type, or the one its file name implies when it was sent as octet-stream.</summary>
    internal static string EffectiveType(MimePart part)
    {
        var type = part.ContentType.MimeType.ToLowerInvariant();
        if (type == "application/octet-stream" && Path.GetExtension(part.FileName ?? "") is { Length: > 0 } extension
            && TypesByExtension.TryGetValue(extension, out var implied))
        {
            return implied;
        }
        return type;
    }

    /// <summary>Exact types, or a family like <c>text/*</c>.</summary>
    internal static bool Allowed(string type, IReadOnlyList<string> allowed) => allowed.Any(a =>
        a.EndsWith("/*", StringComparison.Ordinal)
            ? type.StartsWith(a[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(a, type, StringComparison.OrdinalIgnoreCase));

    private static string DecodeText(MimePart part)
    {
        if (part is TextPart text)
        {
            return text.Text; // MimeKit applies the part's charset
        }
        return Encoding.UTF8.GetString(Decode(part));
    }

    private static byte[] Decode(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>At most <paramref name="max"/> characters, never half a surrogate pair.</summary>
    internal static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end];
    }
}
