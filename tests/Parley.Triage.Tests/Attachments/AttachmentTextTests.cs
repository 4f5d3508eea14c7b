using System.IO.Compression;
using System.Text;
using MimeKit;
using Parley.Triage.Attachments;
using Parley.Triage.Classification;
using Parley.Triage.Classification.Llm;
using Parley.Triage.Configuration;
using Parley.Triage.Imap;
using Parley.Triage.Tests.Classification;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Parley.Triage.Tests.Attachments;

/// <summary>Attachment text (Mailpilot's <c>attachments</c>) from real files built here: text, PDF, DOCX.</summary>
public sealed class AttachmentTextTests
{
    private static readonly AttachmentsOptions On = new() { Enabled = true };

    [Fact]
    public void Text_pdf_and_docx_attachments_are_read_into_the_email()
    {
        var message = TestAttachments.MessageWith(null,
            TestAttachments.Attached("notes.txt", "text/plain", Encoding.UTF8.GetBytes("Meeting moved to Thursday.")),
            TestAttachments.Attached("invoice.pdf", "application/pdf", Pdf("Invoice 2026-117 total due 420 EUR")),
            TestAttachments.Attached("contract.docx", AttachmentText.Docx, Docx("Renewal terms", "Signed by both parties")),
            TestAttachments.Attached("photo.png", "image/png", [0x89, 0x50, 0x4E, 0x47]));

        var email = TriageEmailReader.Read("work", "INBOX", 1, 7, message, 1000, On);

        Assert.Equal("Meeting moved to Thursday.", email.Attachments[0].ExtractedText);
        Assert.Contains("Invoice 2026-117 total due 420 EUR", email.Attachments[1].ExtractedText);
        Assert.Equal("Renewal terms\nSigned by both parties", email.Attachments[2].ExtractedText);
        Assert.Null(email.Attachments[3].ExtractedText); // images: listed, never read
        Assert.Equal(("invoice.pdf", "application/pdf"), (email.Attachments[1].FileName, email.Attachments[1].ContentType));
    }

    [Fact]
    public void Nothing_is_extracted_when_disabled_too_large_not_allowed_or_unreadable()
    {
        var pdf = Pdf("secret plans");
        var message = TestAttachments.MessageWith(null, TestAttachments.Attached("a.pdf", "application/pdf", pdf), TestAttachments.Attached("b.txt", "text/plain", Encoding.UTF8.GetBytes("hello")), TestAttachments.Attached("broken.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.7 garbage")));

        Assert.All(TriageEmailReader.Read("work", "INBOX", 1, 7, message, 1000).Attachments, a => Assert.Null(a.ExtractedText));
        Assert.All(TriageEmailReader.Read("work", "INBOX", 1, 7, message, 1000, new AttachmentsOptions { Enabled = false }).Attachments, a => Assert.Null(a.ExtractedText));

        var tiny = new AttachmentsOptions { Enabled = true, MaxSizeMb = 10.0 / 1024 / 1024 }; // 10 bytes
        var limited = TriageEmailReader.Read("work", "INBOX", 1, 7, message, 1000, tiny).Attachments;
        Assert.Null(limited[0].ExtractedText);
        Assert.Equal("hello", limited[1].ExtractedText);

        var textOnly = new AttachmentsOptions { Enabled = true, AllowedTypes = ["text/*"] };
        var onlyText = TriageEmailReader.Read("work", "INBOX", 1, 7, message, 1000, textOnly).Attachments;
        Assert.Equal((null, "hello"), (onlyText[0].ExtractedText, onlyText[1].ExtractedText));

        Assert.Null(TriageEmailReader.Read("work", "INBOX", 1, 7, message, 1000, On).Attachments[2].ExtractedText);
    }

    [Fact]
    public void Text_is_cut_to_max_extracted_chars_and_octet_stream_is_typed_by_its_name()
    {
        var message = TestAttachments.MessageWith(null, TestAttachments.Attached("report.docx", "application/octet-stream", Docx(new string('a', 50), new string('b', 50))));

        var email = TriageEmailReader.Read("work", "INBOX", 1, 7, message, 1000, new AttachmentsOptions { Enabled = true, MaxExtractedChars = 60 });

        Assert.Equal(new string('a', 50) + "\n" + new string('b', 9), email.Attachments[0].ExtractedText);
    }

    [Fact]
    public void The_prompt_carries_attachment_text_after_the_body_within_the_body_budget()
    {
        var email = TestEmails.Make(body: "Please see the attached invoice.") with
        {
            Attachments = [new("invoice.pdf", "application/pdf", 2000, "Invoice total " + new string('z', 500))],
        };
        var provider = new LlmProviderSettings("p", Parley.Triage.Classification.LlmProviderKind.OpenAiCompatible, new Uri("http://127.0.0.1/v1"), "k", "m", MaxBodyTokens: 50);

        var prompt = TriagePrompt.Build(email, ClassifierHarness.Settings(provider), provider);

        Assert.Contains("Please see the attached invoice.", prompt.User);
        Assert.Contains("[Attachment invoice.pdf (application/pdf), text:]\nInvoice total", prompt.User.ReplaceLineEndings("\n"));
        Assert.Contains("[body truncated:", prompt.User);
        Assert.DoesNotContain(new string('z', 200), prompt.User);
    }


    private static byte[] Pdf(string text)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        return builder.Build();
    }

    private static byte[] Docx(params string[] paragraphs)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""");
            }
            using var document = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            document.Write("""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
            foreach (var paragraph in paragraphs)
            {
                // Split over two runs, as Word does, to show runs join without a gap.
                var half = paragraph.Length / 2;
                document.Write($"<w:p><w:r><w:t xml:space=\"preserve\">{paragraph[..half]}</w:t></w:r><w:r><w:t>{paragraph[half..]}</w:t></w:r></w:p>");
            }
            document.Write("</w:body></w:document>");
        }
        return output.ToArray();
    }
}
