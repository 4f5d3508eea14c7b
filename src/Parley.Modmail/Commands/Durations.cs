using System.Globalization;

namespace Parley.Modmail.Commands;

/// <summary>
/// Rustmail's durations: a number and a unit, repeated — <c>30m</c>, <c>1d12h</c>, <c>2w</c>, <c>1h30m15s</c>
/// (units <c>w d h m s</c>, case-insensitive, each at most once, largest first). At most a year.
/// </summary>
internal static class Durations
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        const string order = "wdhms";
        var lastUnit = -1;
        var total = 0.0;
        var i = 0;
        var s = text.Trim().ToLowerInvariant();
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
            if (i == start || i == s.Length || i - start > 6)
            {
                return false;
            }
            var unit = order.IndexOf(s[i], StringComparison.Ordinal);
            if (unit <= lastUnit)
            {
                return false;
            }
            var n = int.Parse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            total += s[i] switch
            {
                'w' => n * 7 * 86400.0,
                'd' => n * 86400.0,
                'h' => n * 3600.0,
                'm' => n * 60.0,
                _ => n,
            };
            lastUnit = unit;
            i++;
        }
        if (total <= 0 || total > Longest.TotalSeconds)
        {
            return false;
        }
        duration = TimeSpan.FromSeconds(total);
        return true;
    }
}
