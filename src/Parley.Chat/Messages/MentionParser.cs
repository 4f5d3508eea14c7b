using System.Text.RegularExpressions;

namespace Parley.Chat.Messages;

/// <summary>
/// Finds mentions in a plaintext message. A mention is <c>@</c> at the start or after a character that
/// cannot be part of a name (so <c>bob@example.com</c> mentions nobody), followed by a username as Core
/// allows them (2–32 of <c>a-z 0-9 . _ -</c>, compared lower-case); trailing dots are sentence
/// punctuation, not part of the name.
/// </summary>
public static partial class MentionParser
{
    private const string Everyone = "everyone";
    private const string Here = "here";

    public static Mentions Parse(string? plaintext)
    {
        if (string.IsNullOrEmpty(plaintext))
        {
            return Mentions.None;
        }
        var usernames = new List<string>();
        bool everyone = false, here = false;
        foreach (Match match in MentionPattern().Matches(plaintext))
        {
            var name = match.Groups["name"].Value.TrimEnd('.').ToLowerInvariant();
            if (name == Everyone)
            {
                everyone = true;
            }
            else if (name == Here)
            {
                here = true;
            }
            else if (name.Length >= 2 && !usernames.Contains(name, StringComparer.Ordinal))
            {
                usernames.Add(name);
            }
        }
        return new Mentions(usernames, everyone, here);
    }

    // The look-ahead refuses a prefix of a longer name (a 40-character word is no mention of its first 32).
    [GeneratedRegex(@"(?<![A-Za-z0-9._@-])@(?<name>[A-Za-z0-9._-]{1,32})(?![A-Za-z0-9_-]|\.+[A-Za-z0-9_-])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MentionPattern();
}
