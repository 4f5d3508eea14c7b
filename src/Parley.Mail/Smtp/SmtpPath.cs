using System.Globalization;

namespace Parley.Mail.Smtp;

/// <summary>
/// The argument of MAIL FROM / RCPT TO (RFC 5321 §4.1.2): <c>&lt;local@domain&gt;</c> or the null path
/// <c>&lt;&gt;</c>, then <c>KEY[=VALUE]</c> parameters. A source route (<c>&lt;@a,@b:x@y&gt;</c>) is
/// accepted and ignored, as §C allows.
/// </summary>
internal sealed record SmtpPath(string? LocalPart, string? Domain, IReadOnlyDictionary<string, string?> Parameters)
{
    public bool IsNull => LocalPart is null;

    /// <summary><c>local@domain</c> with the domain lower-cased (local parts are the receiver's to compare); null for <c>&lt;&gt;</c>.</summary>
    public string? Address => IsNull ? null : LocalPart + "@" + Domain;

    public bool IsAscii => Address is null || Ascii(Address);

    /// <summary>The domain in its ASCII (IDNA) form, as <c>domains.name</c> stores it; null when it is not a valid name.</summary>
    public string? AsciiDomain
    {
        get
        {
            if (Domain is null)
            {
                return null;
            }
            try
            {
                return new IdnMapping().GetAscii(Domain).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }

    /// <summary>Parses what follows <paramref name="prefix"/> (<c>FROM:</c> or <c>TO:</c>); null on a syntax error.</summary>
    public static SmtpPath? Parse(string argument, string prefix)
    {
        if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        // Many clients put a space after the colon; RFC 5321 does not, but nothing is ambiguous about it.
        var rest = argument[prefix.Length..].TrimStart(' ');
        if (!rest.StartsWith('<'))
        {
            return null;
        }
        var close = ClosingBracket(rest);
        if (close < 0)
        {
            return null;
        }
        var path = rest[1..close];
        var parameters = ParseParameters(rest[(close + 1)..]);
        if (parameters is null)
        {
            return null;
        }
        if (path.Length == 0)
        {
            return new SmtpPath(null, null, parameters);
        }
        if (path.StartsWith('@'))
        {
            var colon = path.IndexOf(':');
            if (colon < 0)
            {
                return null;
            }
            path = path[(colon + 1)..];
        }
        var at = path.LastIndexOf('@');
        if (at <= 0 || at == path.Length - 1 || path.Length > 254)
        {
            return null;
        }
        var local = path[..at];
        var domain = path[(at + 1)..];
        if (!ValidLocalPart(local) || !ValidDomain(domain))
        {
            return null;
        }
        return new SmtpPath(local, domain.ToLowerInvariant(), parameters);
    }

    private static int ClosingBracket(string text)
    {
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case '>' when !quoted:
                    return i;
            }
        }
        return -1;
    }

    private static Dictionary<string, string?>? ParseParameters(string text)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (text.Length > 0 && text[0] != ' ')
        {
            return null;
        }
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = word.IndexOf('=');
            var key = equals < 0 ? word : word[..equals];
            if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return null;
            }
            parameters[key] = equals < 0 ? null : word[(equals + 1)..];
        }
        return parameters;
    }

    private static bool ValidLocalPart(string local)
    {
        if (local.Length > 64 * 4)
        {
            return false;
        }
        if (local.StartsWith('"'))
        {
            return local.Length >= 2 && local.EndsWith('"');
        }
        return local.All(c => c > ' ' && c != 0x7f && c is not ('<' or '>' or '(' or ')' or '[' or ']' or '\\' or ',' or ';' or ':' or '@' or '"'))
            && !local.StartsWith('.') && !local.EndsWith('.') && !local.Contains("..", StringComparison.Ordinal);
    }

    private static bool ValidDomain(string domain)
    {
        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            return domain.Length > 2;
        }
        return domain.Length <= 253 && domain.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => char.IsLetterOrDigit(c) || c == '-' || c > 0x7f));
    }

    private static bool Ascii(string text) => text.All(char.IsAscii);
}
