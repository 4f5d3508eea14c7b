using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Mail.Inbound;

/// <summary>
/// RFC 7208 §7 macros in a domain-spec: <c>%{s}</c> sender, <c>%{l}</c> local part, <c>%{o}</c> sender domain,
/// <c>%{d}</c> current domain, <c>%{i}</c> client IP (dotted; IPv6 as nibbles), <c>%{h}</c> HELO name,
/// <c>%{v}</c> in-addr/ip6, <c>%{p}</c> (never validated here: "unknown"), with digit and <c>r</c> transformers
/// and delimiters; <c>%%</c>, <c>%_</c>, <c>%-</c>. A malformed macro is permerror.
/// </summary>
internal static class SpfMacro
{
    private const string Delimiters = ".-+,/_=";

    public static string Expand(string spec, SpfEvaluator.Check check, string domain)
    {
        if (!spec.Contains('%'))
        {
            return Trim(spec);
        }
        var output = new StringBuilder();
        for (var i = 0; i < spec.Length; i++)
        {
            if (spec[i] != '%')
            {
                output.Append(spec[i]);
                continue;
            }
            if (++i >= spec.Length)
            {
                throw new SpfAbort(AuthResult.PermError);
            }
            switch (spec[i])
            {
                case '%':
                    output.Append('%');
                    break;
                case '_':
                    output.Append(' ');
                    break;
                case '-':
                    output.Append("%20");
                    break;
                case '{':
                    var close = spec.IndexOf('}', i);
                    if (close < 0)
                    {
                        throw new SpfAbort(AuthResult.PermError);
                    }
                    output.Append(Macro(spec[(i + 1)..close], check, domain));
                    i = close;
                    break;
                default:
                    throw new SpfAbort(AuthResult.PermError);
            }
        }
        return Trim(output.ToString());
    }

    private static string Macro(string macro, SpfEvaluator.Check check, string domain)
    {
        if (macro.Length == 0)
        {
            throw new SpfAbort(AuthResult.PermError);
        }
        var letter = char.ToLowerInvariant(macro[0]);
        var at = check.Sender.LastIndexOf('@');
        var value = letter switch
        {
            's' => check.Sender,
            'l' => at > 0 ? check.Sender[..at] : "postmaster",
            'o' => check.Sender[(at + 1)..],
            'd' => domain,
            'i' => Dotted(check.Ip),
            'h' => check.Helo,
            'v' => check.Ip.AddressFamily == AddressFamily.InterNetwork ? "in-addr" : "ip6",
            'p' => "unknown",
            _ => throw new SpfAbort(AuthResult.PermError),
        };
        var position = 1;
        var digits = 0;
        var hasDigits = false;
        while (position < macro.Length && char.IsAsciiDigit(macro[position]))
        {
            digits = digits * 10 + (macro[position] - '0');
            hasDigits = true;
            position++;
        }
        if (hasDigits && digits == 0)
        {
            throw new SpfAbort(AuthResult.PermError);
        }
        var reverse = position < macro.Length && char.ToLowerInvariant(macro[position]) == 'r';
        if (reverse)
        {
            position++;
        }
        var delimiters = macro[position..];
        if (delimiters.Any(c => !Delimiters.Contains(c)))
        {
            throw new SpfAbort(AuthResult.PermError);
        }
        var parts = value.Split(delimiters.Length == 0 ? ['.'] : delimiters.ToCharArray());
        if (reverse)
        {
            Array.Reverse(parts);
        }
        if (hasDigits && digits < parts.Length)
        {
            parts = parts[^digits..];
        }
        var expanded = string.Join('.', parts);
        // An upper-case macro letter asks for URL escaping.
        return char.IsUpper(macro[0]) ? Uri.EscapeDataString(expanded) : expanded;
    }

    private static string Dotted(IPAddress ip)
    {
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            return ip.ToString();
        }
        return string.Join('.', ip.GetAddressBytes().SelectMany(b => new[] { b >> 4, b & 0xF }).Select(n => n.ToString("x")));
    }

    /// <summary>§7.3: an expansion longer than 253 characters loses labels from the left.</summary>
    private static string Trim(string name)
    {
        name = name.TrimEnd('.');
        while (name.Length > 253 && name.IndexOf('.') is var dot and >= 0)
        {
            name = name[(dot + 1)..];
        }
        return name.ToLowerInvariant();
    }
}
