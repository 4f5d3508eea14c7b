using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Parley.Mail.Inbound;

/// <summary>An SPF record parsed whole before it is evaluated (RFC 7208 §4.6: a syntax error anywhere is permerror).</summary>
internal sealed partial record SpfRecord(IReadOnlyList<SpfDirective> Directives, string? Redirect)
{
    private static readonly string[] Mechanisms = ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"];

    public static SpfRecord Parse(string record)
    {
        var directives = new List<SpfDirective>();
        string? redirect = null;
        foreach (var term in record.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var modifier = ModifierName().Match(term);
            if (modifier.Success)
            {
                var name = modifier.Groups[1].Value.ToLowerInvariant();
                var value = term[(modifier.Length)..];
                if (name == "redirect")
                {
                    if (redirect is not null || value.Length == 0)
                    {
                        throw new SpfAbort(AuthResult.PermError);
                    }
                    redirect = value;
                }
                // exp= and unknown modifiers change nothing here.
                continue;
            }
            directives.Add(SpfDirective.Parse(term));
        }
        // §6.1: redirect is ignored when the record has an "all".
        return new SpfRecord(directives, directives.Any(d => d.Mechanism == "all") ? null : redirect);
    }

    internal static bool IsMechanism(string name) => Mechanisms.Contains(name);

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9._-]*)=")]
    private static partial Regex ModifierName();
}

/// <summary>One mechanism with its qualifier: what it matches and the result when it does.</summary>
internal sealed record SpfDirective(string Result, string Mechanism, string? Argument, IpNetwork? Network, int Prefix4, int Prefix6)
{
    public static SpfDirective Parse(string term)
    {
        var result = term[0] switch
        {
            '+' => AuthResult.Pass,
            '-' => AuthResult.Fail,
            '~' => AuthResult.SoftFail,
            '?' => AuthResult.Neutral,
            _ => null,
        };
        var rest = result is null ? term : term[1..];
        result ??= AuthResult.Pass;
        var nameEnd = rest.IndexOfAny([':', '/']);
        var name = (nameEnd < 0 ? rest : rest[..nameEnd]).ToLowerInvariant();
        rest = nameEnd < 0 ? "" : rest[nameEnd..];
        if (!SpfRecord.IsMechanism(name))
        {
            throw new SpfAbort(AuthResult.PermError);
        }
        switch (name)
        {
            case "all":
                return rest.Length == 0 ? new SpfDirective(result, name, null, null, 32, 128) : throw new SpfAbort(AuthResult.PermError);
            case "ip4":
            case "ip6":
            {
                if (!rest.StartsWith(':'))
                {
                    throw new SpfAbort(AuthResult.PermError);
                }
                var family = name == "ip4" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                return new SpfDirective(result, name, null, IpNetwork.Parse(rest[1..], family), 32, 128);
            }
            case "include":
            case "exists":
                return rest.StartsWith(':') && rest.Length > 1 && !rest.Contains('/')
                    ? new SpfDirective(result, name, rest[1..], null, 32, 128)
                    : throw new SpfAbort(AuthResult.PermError);
            default:
            {
                // a, mx, ptr: [":" domain-spec] [ip4-cidr-length] ["/" ip6-cidr-length]
                string? argument = null;
                if (rest.StartsWith(':'))
                {
                    var slash = rest.IndexOf('/');
                    argument = slash < 0 ? rest[1..] : rest[1..slash];
                    rest = slash < 0 ? "" : rest[slash..];
                    if (argument.Length == 0)
                    {
                        throw new SpfAbort(AuthResult.PermError);
                    }
                }
                var (prefix4, prefix6) = DualCidr(rest);
                if (name == "ptr" && rest.Length > 0)
                {
                    throw new SpfAbort(AuthResult.PermError);
                }
                return new SpfDirective(result, name, argument, null, prefix4, prefix6);
            }
        }
    }

    /// <summary>For a and mx: does a found address, widened to this directive's prefix, contain the client?</summary>
    public bool Contains(IPAddress found, IPAddress client) =>
        found.AddressFamily == client.AddressFamily
        && new IpNetwork(found, found.AddressFamily == AddressFamily.InterNetwork ? Prefix4 : Prefix6).Contains(client);

    private static (int, int) DualCidr(string text)
    {
        var prefix4 = 32;
        var prefix6 = 128;
        if (text.Length == 0)
        {
            return (prefix4, prefix6);
        }
        var six = text.IndexOf("//", StringComparison.Ordinal);
        var four = six < 0 ? text : text[..six];
        if (four.Length > 0)
        {
            prefix4 = Prefix(four[1..], 32);
        }
        if (six >= 0)
        {
            prefix6 = Prefix(text[(six + 2)..], 128);
        }
        return (prefix4, prefix6);
    }

    private static int Prefix(string text, int max) =>
        text.Length is > 0 and <= 3 && text.All(char.IsAsciiDigit) && int.Parse(text) <= max && !(text.Length > 1 && text[0] == '0')
            ? int.Parse(text)
            : throw new SpfAbort(AuthResult.PermError);
}

/// <summary>An address block (<c>192.0.2.0/24</c>, <c>2001:db8::/32</c>).</summary>
internal sealed record IpNetwork(IPAddress Address, int PrefixLength)
{
    public static IpNetwork Parse(string text, AddressFamily family)
    {
        var slash = text.IndexOf('/');
        var address = slash < 0 ? text : text[..slash];
        var max = family == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], out prefix) || prefix < 0 || prefix > max))
        {
            throw new SpfAbort(AuthResult.PermError);
        }
        if (!IPAddress.TryParse(address, out var parsed) || parsed.AddressFamily != family
            || (family == AddressFamily.InterNetwork && address.Count(c => c == '.') != 3))
        {
            throw new SpfAbort(AuthResult.PermError);
        }
        return new IpNetwork(parsed, prefix);
    }

    public bool Contains(IPAddress candidate)
    {
        if (candidate.AddressFamily != Address.AddressFamily)
        {
            return false;
        }
        var network = Address.GetAddressBytes();
        var address = candidate.GetAddressBytes();
        var bits = PrefixLength;
        for (var i = 0; i < network.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((network[i] & mask) != (address[i] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
