namespace Parley.Chat.Emojis;

/// <summary>
/// Recognises an emoji image by its first bytes, not by the name or type the client claims: PNG, GIF,
/// WebP or JPEG, or nothing.
/// </summary>
internal static class EmojiImage
{
    /// <summary>The content type of the image <paramref name="head"/> starts, or null if it is none of the four.</summary>
    public static string? ContentType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }
        return null;
    }
}
