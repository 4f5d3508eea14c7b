using MimeKit;
using Parley.Triage.Classification;
using Parley.Triage.Configuration;
using Parley.Triage.Emails;

namespace Parley.Triage.Attachments;

/// <summary>
/// What the reader keeps of an email's images for a vision-capable LLM, or null: keep none. Built once per account
/// (<see cref="VisionImages.LimitsFor"/>), so an email of an account whose LLM cannot see costs no image bytes.
/// </summary>
/// <param name="MaxImages">Images sent with one email (<c>attachments.max_images</c>); later ones are named as omitted.</param>
/// <param name="MaxBytes">One image's decoded size at most (<c>attachments.max_size_mb</c>, capped for Anthropic).</param>
/// <param name="AllowedTypes">Mailpilot's <c>allowed_types</c>: an image type must be in it too.</param>
public sealed record VisionLimits(int MaxImages, long MaxBytes, IReadOnlyList<string> AllowedTypes);

/// <summary>
/// Mailpilot's <c>extract_images</c> with <c>supports_vision</c>: the email's PNG, JPEG, GIF and WebP images —
/// attachments and inline images alike, as Mailpilot's parser lists both — read for the LLM, each at most
/// <see cref="VisionLimits.MaxBytes"/> decoded and at most <see cref="VisionLimits.MaxImages"/> of them. An image that
/// is too large, over the count or not really an image is kept by name with the reason, so the prompt can say it
/// exists. Other image types (TIFF, BMP, SVG) are not candidates: they stay listed as attachments.
/// </summary>
public static class VisionImages
{
    /// <summary>The types both OpenAI's and Anthropic's vision APIs take.</summary>
    public static readonly IReadOnlyList<string> MediaTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    /// <summary>
    /// Anthropic refuses an image whose base64 is over 5 MB; decoded bytes grow by 4/3 in base64, so this is the most
    /// decoded data an Anthropic image may have. A larger one would fail every retry of the email.
    /// </summary>
    public const long AnthropicMaxBytes = 5L * 1024 * 1024 * 3 / 4;

    private static readonly Dictionary<string, string> TypesByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
    };

    /// <summary>
    /// The limits for an account, or null when no image is to be sent: extraction or <c>extract_images</c> off, no
    /// provider or one without <c>supports_vision</c>, a private account (nothing of it reaches an LLM), or
    /// <c>max_images: 0</c>.
    /// </summary>
    public static VisionLimits? LimitsFor(AttachmentsOptions? attachments, LlmProviderSettings? provider, bool privateAccount)
    {
        if (attachments is not { Enabled: true, ExtractImages: true, MaxImages: > 0 } || provider is not { SupportsVision: true } || privateAccount)
        {
            return null;
        }
        var maxBytes = (long)(attachments.MaxSizeMb * 1024 * 1024);
        if (provider.Kind == Classification.LlmProviderKind.Anthropic)
        {
            maxBytes = Math.Min(maxBytes, AnthropicMaxBytes);
        }
        return new VisionLimits(attachments.MaxImages, maxBytes, attachments.ExtractedTypes());
    }

    /// <summary>The candidate images of <paramref name="message"/> in document order, with bytes for those sent.</summary>
    public static IReadOnlyList<TriageImage> Read(MimeMessage message, VisionLimits limits)
    {
        var images = new List<TriageImage>();
        var sent = 0;
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (part.Content is null || TypeOf(part) is not { } declared || !AttachmentText.Allowed(declared, limits.AllowedTypes))
            {
                continue;
            }
            var name = part.FileName ?? part.ContentId ?? "";
            var inline = !part.IsAttachment;
            if (sent >= limits.MaxImages)
            {
                // Counted, never held: the size is only for the prompt's line.
                images.Add(new TriageImage(name, declared, DecodedSize(part), inline, ReadOnlyMemory<byte>.Empty, $"more than {limits.MaxImages} images"));
                continue;
            }
            var buffer = new DecodedBytes(limits.MaxBytes);
            part.Content.DecodeTo(buffer);
            if (buffer.Overflowed)
            {
                images.Add(new TriageImage(name, declared, buffer.Length, inline, ReadOnlyMemory<byte>.Empty, "too large"));
                continue;
            }
            var bytes = buffer.ToArray();
            // The bytes decide the type: a vision API refuses data that does not match the type it is told, and an
            // email that always fails would only cycle through the dead letter.
            if (Sniff(bytes) is not { } actual)
            {
                images.Add(new TriageImage(name, declared, bytes.Length, inline, ReadOnlyMemory<byte>.Empty, "not a PNG, JPEG, GIF or WebP image"));
                continue;
            }
            images.Add(new TriageImage(name, actual, bytes.Length, inline, bytes, null));
            sent++;
        }
        return images;
    }

    /// <summary>A vision type by the part's declared type (<c>image/jpg</c> read as JPEG), or by its name when sent as octet-stream.</summary>
    private static string? TypeOf(MimePart part)
    {
        var type = part.ContentType.MimeType.ToLowerInvariant();
        if (type == "image/jpg" || type == "image/pjpeg")
        {
            type = "image/jpeg";
        }
        if (type == "application/octet-stream" && Path.GetExtension(part.FileName ?? "") is { Length: > 0 } extension
            && TypesByExtension.TryGetValue(extension, out var implied))
        {
            type = implied;
        }
        return MediaTypes.Contains(type) ? type : null;
    }

    /// <summary>The image type its first bytes show, or null.</summary>
    internal static string? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return "image/gif";
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }

    private static long DecodedSize(MimePart part)
    {
        var counter = new DecodedBytes(0);
        part.Content!.DecodeTo(counter);
        return counter.Length;
    }
}
