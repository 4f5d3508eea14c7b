namespace Parley.Chat.Messages;

/// <summary>A message shows at most <see cref="MaxDistinctEmoji"/> different emoji; joining an existing one is always allowed.</summary>
public static class ReactionLimit
{
    public const int MaxDistinctEmoji = 20;

    /// <summary>True when <paramref name="emoji"/> may be added to a message that already has <paramref name="emojiOnMessage"/> (one entry per reaction).</summary>
    public static bool Allows(IEnumerable<string> emojiOnMessage, string emoji)
    {
        var distinct = new HashSet<string>(emojiOnMessage, StringComparer.Ordinal);
        return distinct.Contains(emoji) || distinct.Count < MaxDistinctEmoji;
    }

    /// <summary>True for a non-blank emoji (or custom emoji name) that fits <c>reactions.emoji</c>.</summary>
    public static bool IsValidEmoji(string? emoji) =>
        !string.IsNullOrWhiteSpace(emoji) && emoji.Length <= Reaction.MaxEmojiLength;
}
