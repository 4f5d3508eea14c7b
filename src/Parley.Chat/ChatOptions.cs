using System.ComponentModel.DataAnnotations;

namespace Parley.Chat;

/// <summary>The Chat module: the <c>Chat</c> configuration section.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Longest plaintext message, in Unicode characters (encrypted messages are bounded by <see cref="Messages.Message.MaxCiphertextBytes"/>).</summary>
    [Range(1, 65_536)]
    public int MaxPlaintextLength { get; set; } = 4000;

    /// <summary>
    /// Largest message a client may send over the hub, in bytes; it must carry a 64 KiB ciphertext
    /// (about 88 KiB as base64 in JSON), so the floor is 96 KiB.
    /// </summary>
    [Range(96 * 1024, 16 * 1024 * 1024)]
    public int MaxHubMessageBytes { get; set; } = 128 * 1024;

    /// <summary>Most messages pinned in one channel at a time; pinning one more is refused (<c>pin_limit</c>).</summary>
    [Range(1, 1000)]
    public int MaxPinsPerChannel { get; set; } = 50;
    /// <summary>Largest file a user may upload to a channel, in bytes (25 MiB by default).</summary>
    [Range(1, 4L * 1024 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>How many bytes of uploads one user may hold in all (1 GiB by default); counted in Core's <c>users.upload_bytes_used</c>.</summary>
    [Range(0, long.MaxValue)]
    public long UploadQuotaBytes { get; set; } = 1024L * 1024 * 1024;
    /// <summary>Largest custom emoji image, in bytes.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxEmojiBytes { get; set; } = 256 * 1024;

    /// <summary>Most custom emojis one community may have.</summary>
    [Range(1, 10_000)]
    public int MaxEmojisPerCommunity { get; set; } = 200;

    /// <summary>Posts one incoming webhook may make per minute; more are answered 429 <c>rate_limited</c>.</summary>
    [Range(1, 100_000)]
    public int WebhookRequestsPerMinute { get; set; } = 30;

    /// <summary>Most people in one voice session at once (WebRTC mesh: each sends to every other).</summary>
    [Range(2, 100)]
    public int MaxVoiceParticipants { get; set; } = 25;

    /// <summary>How several Parley processes share real-time events; nothing set means one node.</summary>
    public ChatBackplaneOptions Backplane { get; set; } = new();
}

/// <summary>The <c>Chat:Backplane</c> section.</summary>
public sealed class ChatBackplaneOptions
{
    /// <summary>
    /// A StackExchange.Redis connection string (<c>redis:6379,password=…</c>). When set, hub events and
    /// subscription revocations reach every node connected to the same Redis; empty means a single node.
    /// </summary>
    public string? Redis { get; set; }
}
