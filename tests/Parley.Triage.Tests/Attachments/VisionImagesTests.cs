using MimeKit;
using Parley.Triage.Attachments;
using Parley.Triage.Classification;
using Parley.Triage.Configuration;
using Parley.Triage.Imap;
using ClassificationProviderKind = Parley.Triage.Classification.LlmProviderKind;

namespace Parley.Triage.Tests.Attachments;

/// <summary>
/// Which images the reader keeps for a vision-capable LLM (Mailpilot's <c>extract_images</c> + <c>supports_vision</c>):
/// attachments and inline images of the four types vision APIs take, typed by their bytes, held to the count and size
/// limits, the rest named with the reason; no bytes at all when the account's LLM will not see them.
/// </summary>
public sealed class VisionImagesTests
{
    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>JPEG, GIF and WebP by their signatures (the APIs read the rest; the reader only types them).</summary>
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .."JFIF"u8, 0x00, 0x01];
    public static readonly byte[] Gif = [.."GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00];
    public static readonly byte[] Webp = [.."RIFF"u8, 0x1A, 0x00, 0x00, 0x00, .."WEBPVP8L"u8, 0x0D, 0x00, 0x00, 0x00];

    private static readonly VisionLimits Limits = new(5, 1024 * 1024, AttachmentsOptions.DefaultTypes);

    private static LlmProviderSettings Provider(bool vision, ClassificationProviderKind kind = ClassificationProviderKind.OpenAiCompatible) =>
        new("p", kind, new Uri("http://127.0.0.1/v1"), null, "m", SupportsVision: vision);

    [Fact]
    public void Image_attachments_and_inline_images_are_kept_with_their_bytes_other_types_only_listed()
    {
        var message = TestAttachments.MessageWith(inlineImage: ("logo.gif", "image/gif", Gif),
            TestAttachments.Attached("photo.png", "image/png", Png),
            TestAttachments.Attached("scan.tiff", "image/tiff", [0x49, 0x49, 0x2A, 0x00]),
            TestAttachments.Attached("notes.txt", "text/plain", "hello"u8.ToArray()),
            TestAttachments.Attached("chart.webp", "image/webp", Webp));

        var email = TriageEmailReader.Read("work", "INBOX", 1, 7, message, 1000, new AttachmentsOptions { Enabled = true }, Limits);

        Assert.Equal(["logo.gif", "photo.png", "chart.webp"], email.Images.Select(i => i.FileName));
        Assert.Equal(["image/gif", "image/png", "image/webp"], email.Images.Select(i => i.MediaType));
        Assert.Equal([true, false, false], email.Images.Select(i => i.Inline));
        Assert.All(email.Images, i => Assert.True(i.Sent));
        Assert.Equal(Png, email.Images[1].Data.ToArray());
        Assert.Equal(Png.Length, email.Images[1].Size);
        // Attachments are as before: the inline image is not one, the TIFF stays listed there by name.
        Assert.Equal(["photo.png", "scan.tiff", "notes.txt", "chart.webp"], email.Attachments.Select(a => a.FileName));
    }

    [Fact]
    public void Without_limits_the_reader_keeps_no_image_bytes()
    {
        var message = TestAttachments.MessageWith(null, TestAttachments.Attached("photo.png", "image/png", Png));

        Assert.Empty(TriageEmailReader.Read("work", "INBOX", 1, 7, message, 1000, new AttachmentsOptions { Enabled = true, ExtractImages = true }).Images);
        Assert.Single(TriageEmailReader.Read("work", "INBOX", 1, 7, message, 1000).Attachments);
    }

    [Fact]
    public void Images_over_the_size_or_count_limit_or_not_images_at_all_are_named_with_the_reason_and_hold_no_bytes()
    {
        var large = new byte[2_000];
        Png.CopyTo(large, 0);
        var message = TestAttachments.MessageWith(null,
            TestAttachments.Attached("big.png", "image/png", large),
            TestAttachments.Attached("fake.png", "image/png", "<html>not an image</html>"u8.ToArray()),
            TestAttachments.Attached("mislabelled.png", "image/png", Jpeg),
            TestAttachments.Attached("camera.bin.jpg", "application/octet-stream", Jpeg),
            TestAttachments.Attached("one-too-many.gif", "image/gif", Gif));

        var images = VisionImages.Read(message, new VisionLimits(MaxImages: 2, MaxBytes: 1_000, AttachmentsOptions.DefaultTypes));

        Assert.Equal(
            [("big.png", "too large"), ("fake.png", "not a PNG, JPEG, GIF or WebP image"), ("mislabelled.png", null),
             ("camera.bin.jpg", null), ("one-too-many.gif", "more than 2 images")],
            images.Select(i => (i.FileName, i.Omitted)));
        Assert.Equal(2_000, images[0].Size);
        Assert.Equal(Gif.Length, images[4].Size);
        Assert.All(images.Where(i => !i.Sent), i => Assert.True(i.Data.IsEmpty));
        Assert.Equal("image/jpeg", images[2].MediaType); // the bytes decide, not the label
        Assert.Equal("image/jpeg", images[3].MediaType); // octet-stream typed by its name, then checked by its bytes
    }

    [Fact]
    public void Allowed_types_apply_to_images_as_in_mailpilot()
    {
        var message = TestAttachments.MessageWith(null, TestAttachments.Attached("photo.png", "image/png", Png), TestAttachments.Attached("pic.jpg", "image/jpeg", Jpeg));

        var images = VisionImages.Read(message, new VisionLimits(5, 1024 * 1024, ["application/pdf", "image/jpeg"]));

        Assert.Equal(["pic.jpg"], images.Select(i => i.FileName));
    }

    [Fact]
    public void Limits_exist_only_for_a_vision_provider_with_image_extraction_on_and_an_account_that_is_not_private()
    {
        var on = new AttachmentsOptions { Enabled = true, ExtractImages = true, MaxImages = 3, MaxSizeMb = 2 };

        Assert.Equal(new VisionLimits(3, 2 * 1024 * 1024, AttachmentsOptions.DefaultTypes), VisionImages.LimitsFor(on, Provider(vision: true), privateAccount: false));
        Assert.Null(VisionImages.LimitsFor(on, Provider(vision: false), privateAccount: false));
        Assert.Null(VisionImages.LimitsFor(on, null, privateAccount: false));
        Assert.Null(VisionImages.LimitsFor(on, Provider(vision: true), privateAccount: true));
        Assert.Null(VisionImages.LimitsFor(new AttachmentsOptions { Enabled = true }, Provider(vision: true), privateAccount: false));
        Assert.Null(VisionImages.LimitsFor(new AttachmentsOptions { ExtractImages = true }, Provider(vision: true), privateAccount: false));
        Assert.Null(VisionImages.LimitsFor(new AttachmentsOptions { Enabled = true, ExtractImages = true, MaxImages = 0 }, Provider(vision: true), privateAccount: false));
        // Anthropic refuses an image whose base64 passes 5 MB: the decoded limit is cut to fit.
        var anthropic = VisionImages.LimitsFor(new AttachmentsOptions { Enabled = true, ExtractImages = true }, Provider(true, ClassificationProviderKind.Anthropic), false)!;
        Assert.Equal(VisionImages.AnthropicMaxBytes, anthropic.MaxBytes);
        Assert.True((anthropic.MaxBytes + 2) / 3 * 4 <= 5 * 1024 * 1024);
    }
}
