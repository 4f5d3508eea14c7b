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
