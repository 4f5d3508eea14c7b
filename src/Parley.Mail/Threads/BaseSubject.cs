using System.Text;

namespace Parley.Mail.Threads;

/// <summary>
/// The RFC 5256 §2.1 base subject: what is left of a Subject once the reply and forward markers
/// (<c>Re:</c>, <c>Fw:</c>, <c>Fwd:</c>, <c>[list]</c> blobs, a trailing <c>(fwd)</c>, <c>[fwd: …]</c>) are removed.
/// Two messages with the same base subject may belong to one conversation. The input is already decoded
/// (MimeKit decodes RFC 2047 encoded-words); case is kept.
/// </summary>
internal static class BaseSubject
{
    public static string Of(string? subject)
    {
        // (1) Whitespace runs (tabs, folded continuations) become one space.
        var text = CollapseWhitespace(subject ?? "");
        while (true)
        {
            // (2) Trailing "(fwd)" and whitespace.
            text = RemoveTrailers(text);
            // (3)-(5) Leading "re:"/"fw:"/"fwd:" (with blobs) and blobs, until none is left.
            while (true)
            {
                var leaderless = RemoveLeaders(text);
                var blobless = RemoveBlob(leaderless);
                if (blobless == text)
                {
                    break;
                }
                text = blobless;
            }
            // (6) "[fwd: subject]" wraps a forwarded subject: unwrap it and start again.
            if (text.StartsWith("[fwd:", StringComparison.OrdinalIgnoreCase) && text.EndsWith(']'))
            {
                text = text[5..^1];
                continue;
            }
            return text.Trim(' ');
        }
    }

    private static string CollapseWhitespace(string subject)
    {
        var builder = new StringBuilder(subject.Length);
        var space = false;
        foreach (var c in subject)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                space = true;
                continue;
            }
            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static string RemoveTrailers(string text)
    {
        while (true)
        {
            var trimmed = text.TrimEnd(' ');
            if (trimmed.EndsWith("(fwd)", StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[..^5];
            }
            if (trimmed == text)
            {
                return text;
            }
            text = trimmed;
        }
    }

    /// <summary>subj-leader = (*subj-blob subj-refwd) / WSP; subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":".</summary>
    private static string RemoveLeaders(string text)
    {
        while (true)
        {
            if (text.StartsWith(' '))
            {
                text = text.TrimStart(' ');
                continue;
            }
            var position = 0;
            while (Blob(text, position) is { } afterBlob)
            {
                position = afterBlob;
            }
            if (RefWd(text, position) is not { } afterLeader)
            {
                return text;
            }
            text = text[afterLeader..];
        }
    }

    /// <summary>(4) A leading blob goes when something is left after it.</summary>
    private static string RemoveBlob(string text)
    {
        if (Blob(text, 0) is { } after && Of(text[after..]).Length > 0)
        {
            return text[after..];
        }
        return text;
    }

    /// <summary>subj-blob = "[" *BLOBCHAR "]" *WSP; the position after it, or null.</summary>
    private static int? Blob(string text, int position)
    {
        if (position >= text.Length || text[position] != '[')
        {
            return null;
        }
        var close = position + 1;
        while (close < text.Length && text[close] != ']')
        {
            if (text[close] == '[')
            {
                return null;
            }
            close++;
        }
        if (close >= text.Length)
        {
            return null;
        }
        return SkipSpaces(text, close + 1);
    }

    private static int? RefWd(string text, int position)
    {
        int after;
        if (StartsWithAt(text, position, "re"))
        {
            after = position + 2;
        }
        else if (StartsWithAt(text, position, "fwd"))
        {
            after = position + 3;
        }
        else if (StartsWithAt(text, position, "fw"))
        {
            after = position + 2;
        }
        else
        {
            return null;
        }
        after = SkipSpaces(text, after);
        after = Blob(text, after) ?? after;
        return after < text.Length && text[after] == ':' ? after + 1 : null;
    }

    private static bool StartsWithAt(string text, int position, string word) =>
        string.Compare(text, position, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0 && position + word.Length <= text.Length;

    private static int SkipSpaces(string text, int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
        return position;
    }
}
