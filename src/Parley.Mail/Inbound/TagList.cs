namespace Parley.Mail.Inbound;

/// <summary>The <c>tag=value; tag=value</c> syntax of DKIM signatures and keys (RFC 6376 §3.2) and DMARC records (RFC 7489 §6.4).</summary>
internal static class TagList
{
    /// <summary>Tags by name (case-insensitive), values trimmed, whitespace inside removed (folded DKIM values); the first of a repeated tag wins.</summary>
    public static Dictionary<string, string> Parse(string text)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in text.Split(';'))
        {
            var equals = item.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }
            var name = item[..equals].Trim();
            var value = string.Concat(item[(equals + 1)..].Where(c => !char.IsWhiteSpace(c)));
            tags.TryAdd(name, value);
        }
        return tags;
    }
}
