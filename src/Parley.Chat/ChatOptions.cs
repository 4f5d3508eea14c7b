using System.ComponentModel.DataAnnotations;

namespace Parley.Chat;

/// <summary>The Chat module: the <c>Chat</c> configuration section.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Longest plaintext message, in Unicode characters (encrypted messages are bounded by <see cref="Messages.Message.MaxCiphertextBytes"/>).</summary>
    [Range(1, 65_536)]
    public int MaxPlaintextLength { get; set; } = 4000;
}
