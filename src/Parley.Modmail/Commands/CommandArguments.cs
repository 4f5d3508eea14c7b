using System.Text;

namespace Parley.Modmail.Commands;

/// <summary>
/// The text after a command's name, taken apart the way staff write it: words separated by spaces, a
/// <c>"quoted phrase"</c> as one word, and flags (<c>-s</c>, <c>--silent</c>) picked out wherever they stand.
/// </summary>
internal sealed class CommandArguments
{
    private CommandArguments(IReadOnlyList<string> words, IReadOnlySet<string> flags)
    {
        Words = words;
        Flags = flags;
    }

    /// <summary>The words in order, quotes removed, flags left out.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The flags as written, lower case, dashes kept (<c>-s</c>, <c>--silent</c>).</summary>
    public IReadOnlySet<string> Flags { get; }

    public string? First => Words.Count > 0 ? Words[0] : null;

    /// <summary>The words after the first, joined by one space (the free text of <c>add_reminder 1h call back</c>).</summary>
    public string Rest => string.Join(' ', Words.Skip(1));

    /// <summary>All the words joined by one space (a category name with spaces).</summary>
    public string All => string.Join(' ', Words);

    /// <summary>Whether any of the spellings of a flag is present (<c>HasFlag("-a", "--anonymous")</c>).</summary>
    public bool HasFlag(params string[] spellings) => spellings.Any(Flags.Contains);

    /// <summary>
    /// The first word and the free text after it exactly as written (quotes, dashes and line breaks kept): the
    /// <c>1h</c> and <c>call "them" back -- today</c> of <c>add_reminder 1h call "them" back -- today</c>.
    /// </summary>
    public static (string First, string Text) SplitFirst(string? text)
    {
        var s = (text ?? "").Trim();
        var end = 0;
        while (end < s.Length && !char.IsWhiteSpace(s[end]))
        {
            end++;
        }
        return (s[..end], s[end..].Trim());
    }

    /// <summary>
    /// Splits <paramref name="text"/>. Only words that start with <c>-</c> followed by a letter are flags, so a negative
    /// number or a lone dash stays a word; a flag inside quotes is a word.
    /// </summary>
    public static CommandArguments Parse(string? text)
    {
        var words = new List<string>();
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var s = text ?? "";
        var i = 0;
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                i++;
                continue;
            }
            if (s[i] == '"')
            {
                var close = s.IndexOf('"', i + 1);
                if (close < 0)
                {
                    // An unclosed quote takes the rest of the text as it is.
                    words.Add(s[(i + 1)..].Trim());
                    break;
                }
                words.Add(s[(i + 1)..close]);
                i = close + 1;
                continue;
            }
            var word = new StringBuilder();
            while (i < s.Length && !char.IsWhiteSpace(s[i]))
            {
                word.Append(s[i]);
                i++;
            }
            var w = word.ToString();
            if (IsFlag(w))
            {
                flags.Add(w.ToLowerInvariant());
            }
            else
            {
                words.Add(w);
            }
        }
        return new CommandArguments(words, flags);
    }

    private static bool IsFlag(string word) =>
        (word.Length >= 2 && word[0] == '-' && char.IsAsciiLetter(word[1]))
        || (word.Length >= 3 && word.StartsWith("--", StringComparison.Ordinal) && char.IsAsciiLetter(word[2]));
}
